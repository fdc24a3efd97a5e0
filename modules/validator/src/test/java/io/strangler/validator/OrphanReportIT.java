package io.strangler.validator;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.Mappings;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The foreign-key check on real engines (PostgreSQL monolith, MariaDB service): the orphans the sync leaves when a
 * parent is deleted on one side while the other side adds a child of it. Each side's apply writes with foreign keys
 * off (PostgreSQL: session_replication_role=replica; MariaDB: foreign_key_checks=0), so the child arrives on the
 * side that deleted the parent, and the parent's delete on the side that has the child: both sides keep the child.
 */
@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class OrphanReportIT {

    private static final String MAPPINGS = """
            mappings:
              - name: orders
                monolith: public.fk_orders
                service: %1$s.fk_purchase
              - name: lines
                monolith: public.fk_lines
                service: %1$s.fk_line
                columns: { order_id: purchase_id }
            """;

    private final TestDatabase monolith;
    private final TestDatabase service;

    OrphanReportIT(@Postgres TestDatabase monolith, @MariaDb TestDatabase service) {
        this.monolith = monolith;
        this.service = service;
    }

    @BeforeAll
    static void letTheMonolithUserWriteAsTheApplyDoes(EmbeddedPostgres server, @Postgres TestDatabase monolith)
            throws Exception {
        try (Connection c = DriverManager.getConnection(server.superuserJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + monolith.user() + "\"");
        }
    }

    @BeforeEach
    void createEqualParentsAndChildren() throws Exception {
        // lines 1..30 belong to orders 1..10; line 31 has no order (a NULL foreign key is no orphan)
        CrossEngineFixture.execute(monolith, "DROP TABLE IF EXISTS fk_lines", "DROP TABLE IF EXISTS fk_orders",
                "CREATE TABLE fk_orders (id bigint PRIMARY KEY, status text NOT NULL)",
                "CREATE TABLE fk_lines (id bigint PRIMARY KEY, order_id bigint REFERENCES fk_orders (id), qty int NOT NULL)",
                "INSERT INTO fk_orders SELECT i, 'new' FROM generate_series(1, 10) i",
                "INSERT INTO fk_lines SELECT i, (i - 1) / 3 + 1, i FROM generate_series(1, 30) i",
                "INSERT INTO fk_lines VALUES (31, NULL, 1)");
        CrossEngineFixture.execute(service, "DROP TABLE IF EXISTS fk_line", "DROP TABLE IF EXISTS fk_purchase",
                "CREATE TABLE fk_purchase (id BIGINT PRIMARY KEY, status VARCHAR(20) NOT NULL)",
                "CREATE TABLE fk_line (id BIGINT PRIMARY KEY, purchase_id BIGINT, qty INT NOT NULL,"
                        + " CONSTRAINT fk_line_purchase FOREIGN KEY (purchase_id) REFERENCES fk_purchase (id))",
                "INSERT INTO fk_purchase SELECT seq, 'new' FROM seq_1_to_10",
                "INSERT INTO fk_line SELECT seq, (seq - 1) DIV 3 + 1, seq FROM seq_1_to_30",
                "INSERT INTO fk_line VALUES (31, NULL, 1)");
    }

    private Validator validator() {
        return Validator.create(ConnectionSource.of("monolith", monolith.jdbcUrl(), monolith.user(), monolith.password()),
                ConnectionSource.of("service", service.jdbcUrl(), service.user(), service.password()),
                Mappings.parse("orphans-it.yaml", MAPPINGS.formatted(service.database())));
    }

    private static ValidationOptions checkingForeignKeys() {
        return ValidationOptions.defaults().withMode(ValidationMode.MERGE).withForeignKeys(true);
    }

    @Test
    void shouldReportTheOrphanOnEachSideWhenAParentWasDeletedWhileTheOtherSideAddedAChild() throws Exception {
        // Given the monolith deleted order 3's lines and order 3 while the service added line 99 to purchase 3,
        // and each side's apply then wrote the other side's changes with foreign keys off
        CrossEngineFixture.execute(monolith, "DELETE FROM fk_lines WHERE order_id = 3", "DELETE FROM fk_orders WHERE id = 3",
                "SET session_replication_role = replica", "INSERT INTO fk_lines VALUES (99, 3, 5)");
        CrossEngineFixture.execute(service, "INSERT INTO fk_line VALUES (99, 3, 5)",
                "SET foreign_key_checks = 0", "DELETE FROM fk_line WHERE id IN (7, 8, 9)", "DELETE FROM fk_purchase WHERE id = 3");

        // When
        ValidationResult result = validator().validate(List.of(), checkingForeignKeys());

        // Then the sides agree row for row, and the orphan line is reported once per side with the broken key
        TableValidation lines = result.tables().get(1);
        assertThat(lines.mapping()).isEqualTo("lines");
        assertThat(lines.consistencyPercent()).isEqualTo(100.0);
        assertThat(lines.orphans()).isEqualTo(new OrphanCounts(true, 1, 1));
        assertThat(lines.discrepancies()).extracting(d -> d.kind() + " " + d.key().encode() + " " + d.foreignKey())
                .containsExactly(
                        "ORPHAN_ON_MONOLITH {\"id\":99} fk_lines_order_id_fkey (order_id) → public.fk_orders (id)",
                        "ORPHAN_ON_SERVICE {\"id\":99} fk_line_purchase (purchase_id) → " + service.database()
                                + ".fk_purchase (id)");
        assertThat(lines.discrepancies().get(0).monolithRow().values()).containsEntry("order_id", 3L);
        assertThat(lines.discrepancies().get(1).serviceRow().values()).containsEntry("purchase_id", 3L);
        assertThat(result.tables().get(0).orphans()).isEqualTo(new OrphanCounts(true, 0, 0));
        assertThat(result.discrepancyCount()).isEqualTo(2);
        assertThat(result.consistent()).isFalse();
        // and reconcile leaves them alone
        assertThat(Reconciler.plan(result, validator().resolve(List.of()), ReconcileSource.MONOLITH).repairs()).isEmpty();
    }

    @Test
    void shouldReportNoOrphansWhenEveryReferenceResolves() {
        ValidationResult result = validator().validate(List.of(), checkingForeignKeys());

        assertThat(result.tables()).allSatisfy(table -> assertThat(table.orphans()).isEqualTo(new OrphanCounts(true, 0, 0)));
        assertThat(result.consistent()).isTrue();
    }

    @Test
    void shouldNotLookForOrphansUnlessAsked() throws Exception {
        // Given an orphan on the service only
        CrossEngineFixture.execute(service, "SET foreign_key_checks = 0", "INSERT INTO fk_line VALUES (99, 42, 5)");
        CrossEngineFixture.execute(monolith, "INSERT INTO fk_lines VALUES (99, NULL, 5)");

        // When validated with the defaults
        ValidationResult result = validator().validate(List.of("lines"), ValidationOptions.defaults());

        // Then only the cross-side difference shows (purchase_id 42 vs NULL), not the orphan
        assertThat(result.tables().get(0).orphans().checked()).isFalse();
        assertThat(result.tables().get(0).discrepancies()).extracting(Discrepancy::kind).containsExactly(DiscrepancyKind.DIFFERENT);
    }
}
