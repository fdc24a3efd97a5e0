package io.strangler.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.catalog.Table;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.RowTranslator;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.ValueKind;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every canonical value kind survives capture → Kafka → replicate stage → Kafka → apply unchanged:
 * PostgreSQL → PostgreSQL (table and columns renamed, key column included), PostgreSQL → MariaDB and
 * MariaDB → PostgreSQL. Rows are written before the pipeline starts (snapshot READs) and while it runs (inserts,
 * updates, deletes), including a row of NULLs; the target must end equal to the source, value by value.
 *
 * <p>Kinds covered on every path: INTEGER (smallint, int, bigint), DECIMAL (12,2), FLOAT32, FLOAT64, BOOLEAN
 * (boolean/tinyint(1), bit(1)), STRING (varchar, text, unicode), FIXED_CHAR (char(5)), ENUM, DATE (before 1970 too),
 * TIME, TIMESTAMP, TIMESTAMPTZ, UUID, JSON, BINARY, BITS (bit(8)), and NULL. PostgreSQL → PostgreSQL adds
 * unconstrained numeric and json next to jsonb. Not covered: PostgreSQL varbit, whose values Debezium delivers
 * padded to the declared width (it carries them as bytes, so the value's own length is lost).
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class CanonicalTypesReplicateIT {

    private static final Set<ValueKind> CROSS_ENGINE_KINDS = EnumSet.complementOf(EnumSet.of(ValueKind.SET));

    private static final String PG_COLUMNS = "id bigint PRIMARY KEY, small smallint, medium integer, price numeric(12,2),"
            + " ratio32 real, ratio64 float8, active boolean, flag bit(1), title varchar(100), code char(5), body text,"
            + " born_on date, opens_at time(6), created_at timestamp(6), updated_at timestamptz(6), ref uuid, doc jsonb,"
            + " payload bytea, mood %s, mask bit(8)";

    private static final String MARIADB_COLUMNS = "id BIGINT PRIMARY KEY, small SMALLINT, medium INT, price DECIMAL(12,2),"
            + " ratio32 FLOAT, ratio64 DOUBLE, active TINYINT(1), flag BIT(1), title VARCHAR(100), code CHAR(5), body TEXT,"
            + " born_on DATE, opens_at TIME(6), created_at DATETIME(6), updated_at TIMESTAMP(6) NULL, ref UUID, doc JSON,"
            + " payload BLOB, mood ENUM('happy', 'sad', 'ok'), mask BIT(8)";

    private static final String VALUES_1 = "(1, -5, 2147483647, 12.50, 0.1, -12345.678901, true, B'1',"
            + " 'Ada Lovelace ✓ ünïcödé', 'ab', 'line1\nline2\ttabbed', '1815-12-10', '23:59:59.999999',"
            + " '2024-02-29 12:00:00.000001', '2024-03-31 01:30:00.000001+00', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
            + " '{\"b\": {\"y\": null, \"x\": \"t\"}, \"a\": 1, \"c\": [1, 2]}', %s, 'sad', B'00010110')";

    @Test
    void shouldReplicateEveryKindFromPostgresToPostgresThroughRenamedTableAndColumns(TestKafka kafka,
            @Postgres TestDatabase source, EmbeddedPostgres server, @TempDir Path dir) throws Exception {
        // Given all types on PostgreSQL, replicated into a table and columns of other names (key column included)
        TestDatabase target = ReplicateFixture.secondPostgres(server, "rep_types_pg");
        ReplicateFixture.execute(source, "CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok')",
                "CREATE TABLE all_types (" + PG_COLUMNS.formatted("mood")
                        + ", amount numeric, doc_text json)",
                "ALTER TABLE all_types REPLICA IDENTITY FULL");
        ReplicateFixture.execute(target, "CREATE TYPE feeling AS ENUM ('happy', 'sad', 'ok')",
                "CREATE TABLE every_type (" + PG_COLUMNS.formatted("feeling").replace("id bigint", "type_id bigint")
                        .replace("title varchar", "headline varchar").replace("payload bytea", "blob_data bytea")
                        + ", amount numeric, doc_text json)");
        String mappings = """
                mappings:
                  - name: types
                    monolith: public.all_types
                    service: public.every_type
                    columns: { id: type_id, title: headline, payload: blob_data }
                    direction: monolith-to-service
                """;
        ReplicateFixture.execute(source, "INSERT INTO all_types VALUES " + VALUES_1.formatted("'\\x00ff10'::bytea")
                .replace("B'00010110')", "B'00010110', 3.14159, '{\"z\": [true, null, \"x\"], \"a\": 1}')"));
        replicate(kafka, dir, source, target, mappings, "public", "all_types",
                EnumSet.complementOf(EnumSet.of(ValueKind.SET)), "'\\x0102'::bytea");
    }

    @Test
    void shouldReplicateEveryKindFromPostgresToMariaDb(TestKafka kafka, @Postgres TestDatabase source,
            @MariaDb TestDatabase target, @TempDir Path dir) throws Exception {
        // Given all types on PostgreSQL and their MariaDB counterparts
        ReplicateFixture.execute(source, "CREATE TYPE mood2 AS ENUM ('happy', 'sad', 'ok')",
                "CREATE TABLE to_maria (" + PG_COLUMNS.formatted("mood2") + ")",
                "ALTER TABLE to_maria REPLICA IDENTITY FULL");
        ReplicateFixture.execute(target, "CREATE TABLE from_pg (" + MARIADB_COLUMNS + ") DEFAULT CHARSET = utf8mb4");
        String mappings = """
                mappings:
                  - name: to-maria
                    monolith: public.to_maria
                    service: %s.from_pg
                    direction: monolith-to-service
                """.formatted(target.database());
        ReplicateFixture.execute(source, "INSERT INTO to_maria VALUES " + VALUES_1.formatted("'\\x00ff10'::bytea"));
        replicate(kafka, dir, source, target, mappings, "public", "to_maria", CROSS_ENGINE_KINDS, "'\\x0102'::bytea");
    }

    @Test
    void shouldReplicateEveryKindFromMariaDbToPostgres(TestKafka kafka, @MariaDb TestDatabase source,
            EmbeddedPostgres server, @TempDir Path dir) throws Exception {
        // Given all types on MariaDB and their PostgreSQL counterparts
        TestDatabase target = ReplicateFixture.secondPostgres(server, "rep_types_from_maria");
        ReplicateFixture.execute(source, "CREATE TABLE to_pg (" + MARIADB_COLUMNS + ") DEFAULT CHARSET = utf8mb4");
        ReplicateFixture.execute(target, "CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok')",
                "CREATE TABLE from_maria (" + PG_COLUMNS.formatted("mood") + ")");
        String mappings = """
                mappings:
                  - name: to-pg
                    monolith: %s.to_pg
                    service: public.from_maria
                    direction: monolith-to-service
                """.formatted(source.database());
        ReplicateFixture.execute(source, "SET time_zone = '+00:00'", "INSERT INTO to_pg VALUES "
                + VALUES_1.formatted("X'00ff10'").replace("+00'", "'").replace("true", "1"));
        replicate(kafka, dir, source, target, mappings, source.database(), "to_pg", CROSS_ENGINE_KINDS, "X'0102'");
    }

    /**
     * Starts the pipeline on a source holding row 1 (snapshot), then inserts a NULL row 2, inserts and updates row 3,
     * inserts and deletes row 4, and updates row 1; the target must end equal to the source row by row.
     */
    private static void replicate(TestKafka kafka, Path dir, TestDatabase source, TestDatabase target, String mappings,
                                  String schema, String table, Set<ValueKind> kinds, String otherBytes) throws Exception {
        boolean maria = source.engine().equals("mariadb");
        String session = maria ? "SET time_zone = '+00:00'" : "SET TIME ZONE 'UTC'";
        String copied = "small, medium, price, ratio32, ratio64, active, flag, title, code, body, born_on, opens_at,"
                + " created_at, updated_at, ref, doc, payload, mood, mask"
                + (table.equals("all_types") ? ", amount, doc_text" : "");
        try (ReplicateFixture fixture = new ReplicateFixture(kafka, dir);
             ReplicatePipeline pipeline = ReplicatePipeline.create(new ReplicatePipelineConfig(
                     fixture.config(source, target, fixture.mappingsFile(mappings))))) {
            // the kinds the source table covers, as the catalogue reads them
            try (Connection connection = source.connect()) {
                Catalog catalog = CatalogReader.read(connection, List.of(schema));
                Table columns = catalog.table(schema, table).orElseThrow();
                Set<ValueKind> covered = EnumSet.noneOf(ValueKind.class);
                columns.columns().forEach(column -> covered.add(catalog.columnType(column).kind()));
                assertThat(covered).as("kinds covered by %s", table).containsAll(kinds);
            }

            // When the pipeline runs while rows are inserted, updated and deleted
            pipeline.start();
            ReplicateFixture.execute(source, session, "INSERT INTO " + table + " (id) VALUES (2)",
                    "INSERT INTO " + table + " (id, " + copied + ") SELECT 3, " + copied + " FROM " + table + " WHERE id = 1",
                    "UPDATE " + table + " SET title = 'third', price = -0.01, payload = " + otherBytes
                            + ", mood = 'ok', active = " + (maria ? "0" : "false") + " WHERE id = 3",
                    "INSERT INTO " + table + " (id, title) VALUES (4, 'gone')",
                    "DELETE FROM " + table + " WHERE id = 4",
                    "UPDATE " + table + " SET born_on = '1969-07-20', mask = B'11111111', ratio64 = 1e300 WHERE id = 1");

            // Then the target holds exactly the source's rows, value by value
            ResolvedMapping mapping = pipeline.plan().mappings().get(0);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(logicalRows(target, Side.SERVICE, mapping)).as(pipeline.status().line())
                            .isEqualTo(logicalRows(source, Side.MONOLITH, mapping)));
            assertThat(logicalRows(target, Side.SERVICE, mapping)).containsOnlyKeys("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
            assertThat(pipeline.status().deadLetters()).as(pipeline.status().line()).isZero();
        }
    }

    private static Map<String, CanonicalRow> logicalRows(TestDatabase db, Side side, ResolvedMapping mapping)
            throws Exception {
        RowTranslator translator = RowTranslator.of(mapping);
        Map<String, CanonicalRow> out = new TreeMap<>();
        for (CanonicalRow row : ReplicateFixture.rows(db, mapping.mapping().table(side).schema(),
                mapping.mapping().table(side).table())) {
            CanonicalRow logical = translator.toLogical(side, row);
            out.put(translator.key(Side.MONOLITH, logical).encode(), logical);
        }
        return out;
    }
}
