package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.apply.internal.ApplyHooks;
import io.strangler.embedded.EmbeddedMariaDb;
import io.strangler.schemas.ApplyCommand;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.MariaDbAdmin;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sink dies abruptly inside a batch (rows written, transaction open) and again right after a database commit
 * that Kafka never heard of; each time a new sink takes over. An audit trigger that fires on every write, whatever
 * the session, counts how often each command was applied: exactly once.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class, MariaDbAdmin.class})
class CrashRecoveryIT {

    private static final int COMMANDS = 2_000;
    private static final int BATCH = 100;

    private static final List<String> PG_DDL = List.of(
            "CREATE TABLE crash_items (id bigint PRIMARY KEY, name text NOT NULL)",
            "CREATE TABLE crash_audit (seq bigserial PRIMARY KEY, id bigint NOT NULL, op text NOT NULL)",
            "CREATE FUNCTION crash_audit_fn() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "INSERT INTO crash_audit (id, op) VALUES (NEW.id, TG_OP); RETURN NULL; END $$",
            "CREATE TRIGGER crash_audit_trg AFTER INSERT OR UPDATE ON crash_items FOR EACH ROW EXECUTE FUNCTION crash_audit_fn()",
            // fires under session_replication_role = replica too
            "ALTER TABLE crash_items ENABLE ALWAYS TRIGGER crash_audit_trg");

    private static final List<String> MARIADB_DDL = List.of(
            "CREATE TABLE crash_items (id BIGINT PRIMARY KEY, name TEXT NOT NULL) ENGINE = InnoDB",
            "CREATE TABLE crash_audit (seq BIGINT AUTO_INCREMENT PRIMARY KEY, id BIGINT NOT NULL, op VARCHAR(10) NOT NULL) ENGINE = InnoDB",
            "CREATE TRIGGER crash_audit_ins AFTER INSERT ON crash_items FOR EACH ROW INSERT INTO crash_audit (id, op) VALUES (NEW.id, 'INSERT')",
            "CREATE TRIGGER crash_audit_upd AFTER UPDATE ON crash_items FOR EACH ROW INSERT INTO crash_audit (id, op) VALUES (NEW.id, 'UPDATE')");

    /** Simulates the process dying: not an exception the sink handles, so nothing is committed or cleaned up politely. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String message) {
            super(message);
        }
    }

    @Test
    void shouldApplyEveryCommandExactlyOnceAcrossCrashesOnPostgres(@Postgres TestDatabase db, TestKafka kafka) throws Exception {
        crashAndRecover(db, kafka, PG_DDL, "public");
    }

    @Test
    void shouldApplyEveryCommandExactlyOnceAcrossCrashesOnMariaDb(@MariaDb TestDatabase db, TestKafka kafka,
                                                                   EmbeddedMariaDb server) throws Exception {
        // with binary logging on, only an administrator may create triggers
        try (Connection admin = server.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + db.database());
            for (String sql : MARIADB_DDL) {
                s.execute(sql);
            }
        }
        crashAndRecover(db, kafka, List.of(), db.database());
    }

    private static void crashAndRecover(TestDatabase db, TestKafka kafka, List<String> ddl, String schema) throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka, "crash", 2)) {
            // Given 2,000 commands for distinct rows, applied in batches of 100
            execute(db, ddl);
            List<ApplyCommand> commands = new ArrayList<>();
            for (long id = 1; id <= COMMANDS; id++) {
                commands.add(fixture.upsert(schema, "crash_items", Map.of("id", id), Map.of("id", id, "name", "row-" + id)));
            }
            fixture.produce(commands);
            Map<String, Object> config = fixture.config(db);
            config.put(ApplySinkConfig.BATCH_SIZE, BATCH);
            config.put(ApplySinkConfig.LINGER_MS, 50L);

            // When the first sink dies with its fifth batch written but not committed
            AtomicInteger batches = new AtomicInteger();
            ApplySink first = fixture.sink(config, new ApplyHooks() {
                @Override
                public void beforeCommit() {
                    if (batches.incrementAndGet() == 5) {
                        throw new SimulatedCrash("crash inside batch 5, before commit");
                    }
                }
            });
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.state() == ApplySink.State.FAILED);
            assertThat(first.failure()).isInstanceOf(SimulatedCrash.class);
            first.stop();
            long afterFirst = scalar(db, "SELECT count(*) FROM crash_audit");
            assertThat(afterFirst).isEqualTo(scalar(db, "SELECT sum(records_committed) FROM strangler_apply_offsets"))
                    .isLessThan(COMMANDS);

            // and a second one dies right after its third database commit, before Kafka hears of it
            AtomicInteger commits = new AtomicInteger();
            ApplySink second = fixture.sink(config, new ApplyHooks() {
                @Override
                public void afterCommit() {
                    if (commits.incrementAndGet() == 3) {
                        throw new SimulatedCrash("crash after commit 3");
                    }
                }
            });
            second.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> second.state() == ApplySink.State.FAILED);
            second.stop();
            assertThat(scalar(db, "SELECT count(*) FROM crash_audit")).isGreaterThan(afterFirst);

            // and a third one runs to the end
            try (ApplySink third = fixture.sink(config)) {
                third.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> scalar(db, "SELECT count(*) FROM crash_items") == COMMANDS);

                // Then every row is there, each written exactly once, and the offsets table accounts for every record once
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        scalar(db, "SELECT sum(records_committed) FROM strangler_apply_offsets") == COMMANDS);
                assertThat(scalar(db, "SELECT count(*) FROM crash_audit")).isEqualTo(COMMANDS);
                assertThat(scalar(db, "SELECT count(DISTINCT id) FROM crash_audit")).isEqualTo(COMMANDS);
                assertThat(scalar(db, "SELECT count(*) FROM crash_audit WHERE op <> 'INSERT'")).isZero();
                assertThat(scalar(db, "SELECT sum(next_offset) FROM strangler_apply_offsets")).isEqualTo(COMMANDS);
            }
        }
    }

    private static long scalar(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(TestDatabase db, List<String> statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
