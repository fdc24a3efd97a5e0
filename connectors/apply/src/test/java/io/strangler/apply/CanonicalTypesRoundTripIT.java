package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.apply.internal.TableCatalog;
import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.CanonicalValue;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import io.strangler.core.row.ValueKind;
import io.strangler.schemas.ApplyCommand;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every canonical value kind written through the sink and read back through core's JDBC reader comes back equal:
 * ApplyCommand → Kafka → ApplySink → row → {@code CanonicalRow.fromJdbc}, on PostgreSQL and on MariaDB.
 *
 * <p>Kinds covered on both engines: INTEGER (smallint/int/bigint; MariaDB also mediumint and bigint unsigned),
 * DECIMAL (fixed scale; PostgreSQL also unconstrained numeric), FLOAT32, FLOAT64, BOOLEAN (PostgreSQL boolean and
 * bit(1), MariaDB tinyint(1)), STRING (varchar, text, unicode), FIXED_CHAR, ENUM, DATE (also before 1970), TIME,
 * TIMESTAMP, TIMESTAMPTZ, UUID, JSON (PostgreSQL jsonb and json), BINARY (bytea, blob, varbinary), BITS (PostgreSQL
 * varbit, MariaDB bit(8)), SET (MariaDB), and SQL NULL in every column.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class CanonicalTypesRoundTripIT {

    private static final String PG_DDL = """
            CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok');
            CREATE TABLE all_types (id bigint PRIMARY KEY, small smallint, medium integer, price numeric(12,2),
                amount numeric, ratio32 real, ratio64 float8, active boolean, flag bit(1), title varchar(100), code char(5),
                body text, born_on date, opens_at time(6), created_at timestamp(6), updated_at timestamptz(6), ref uuid,
                doc jsonb, doc_text json, payload bytea, mood mood, mask varbit(16))""";

    private static final String MARIADB_DDL = """
            CREATE TABLE all_types (id BIGINT PRIMARY KEY, small SMALLINT, medium MEDIUMINT, big BIGINT UNSIGNED,
                price DECIMAL(12,2), ratio32 FLOAT, ratio64 DOUBLE, active TINYINT(1), title VARCHAR(100), code CHAR(5),
                body TEXT, born_on DATE, opens_at TIME(6), created_at DATETIME(6), updated_at TIMESTAMP(6) NULL,
                ref UUID, doc JSON, payload BLOB, token VARBINARY(16), mood ENUM('happy', 'sad', 'ok'),
                tags SET('a', 'b', 'c'), mask BIT(8)) DEFAULT CHARSET = utf8mb4""";

    @Test
    void shouldRoundTripEveryCanonicalKindOnPostgres(@Postgres TestDatabase db, TestKafka kafka) throws Exception {
        Map<String, Object> full = common();
        full.put("medium", 2_147_483_647L);
        full.put("amount", "3.14159");
        full.put("flag", true);
        full.put("doc_text", "{\"a\":1,\"z\":[true,null,\"x\"]}");
        full.put("mask", "10110");
        roundTrip(db, kafka, Engine.POSTGRESQL, PG_DDL, "public", full, Map.of("mood", ColumnType.of(Engine.POSTGRESQL, "enum")));
    }

    @Test
    void shouldRoundTripEveryCanonicalKindOnMariaDb(@MariaDb TestDatabase db, TestKafka kafka) throws Exception {
        Map<String, Object> full = common();
        full.put("medium", -8_388_608L);
        full.put("big", Long.MAX_VALUE);
        full.put("token", BinaryValue.ofHex("00ff10"));
        full.put("tags", "a,c");
        full.put("mask", "00010110");
        roundTrip(db, kafka, Engine.MARIADB, MARIADB_DDL, db.database(), full, Map.of(
                "doc", ColumnType.of(Engine.MARIADB, "json"), "ref", ColumnType.of(Engine.MARIADB, "uuid")));
    }

    private static Map<String, Object> common() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1L);
        row.put("small", -5L);
        row.put("price", "12.50");
        row.put("ratio32", 0.1);
        row.put("ratio64", -12345.678901);
        row.put("active", true);
        row.put("title", "Ada Lovelace ✓ ünïcödé");
        row.put("code", "ab");
        row.put("body", "line1\nline2\ttabbed");
        row.put("born_on", LocalDate.of(1815, 12, 10).toEpochDay());
        row.put("opens_at", LocalTime.of(23, 59, 59, 999_999_000).toNanoOfDay() / 1_000);
        row.put("created_at", micros(LocalDateTime.of(2024, 2, 29, 12, 0, 0, 1_000).toInstant(ZoneOffset.UTC)));
        row.put("updated_at", micros(Instant.parse("2024-03-31T01:30:00.000001Z")));
        row.put("ref", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        row.put("doc", "{\"a\":1,\"b\":{\"x\":\"t\",\"y\":null},\"c\":[1,2]}");
        row.put("payload", BinaryValue.of(new byte[] {0, -1, 16}));
        row.put("mood", "sad");
        return row;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static void roundTrip(TestDatabase db, TestKafka kafka, Engine engine, String ddl, String schema,
                                  Map<String, Object> full, Map<String, ColumnType> readOverrides) throws Exception {
        // Given a table with one column per type, a row with every column set, one all-null row and one updated row
        execute(db, ddl);
        Map<String, Object> nulls = new LinkedHashMap<>();
        full.keySet().forEach(c -> nulls.put(c, null));
        nulls.put("id", 2L);
        Map<String, Object> updated = new LinkedHashMap<>(full);
        updated.put("id", 3L);
        Map<String, Object> before = new LinkedHashMap<>(nulls);
        before.put("id", 3L);
        try (ApplyFixture fixture = new ApplyFixture(kafka, "types", 1)) {
            List<ApplyCommand> commands = List.of(
                    fixture.upsert(schema, "all_types", Map.of("id", 1L), full),
                    fixture.upsert(schema, "all_types", Map.of("id", 2L), nulls),
                    fixture.upsert(schema, "all_types", Map.of("id", 3L), before),
                    fixture.upsert(schema, "all_types", Map.of("id", 3L), updated));

            // When they go through Kafka and the sink
            fixture.produce(commands);
            try (ApplySink sink = fixture.sink(fixture.config(db))) {
                sink.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.status().recordsCommitted() == commands.size());
                assertThat(sink.status().commandsDeadLettered())
                        .as(() -> "dead letters: " + fixture.readDeadLetters(commands.size(), Duration.ofSeconds(5)).stream()
                                .map(l -> l.getKey() + " " + l.getErrorMessage()).toList())
                        .isZero();
            }

            // Then reading the rows back canonically gives exactly what was sent
            List<CanonicalRow> rows = read(db, engine, List.copyOf(full.keySet()), readOverrides);
            assertThat(rows).containsExactly(CanonicalRow.of(full), CanonicalRow.of(nulls), CanonicalRow.of(updated));
            // the kinds as the sink saw them (core's schema catalogue, through the sink's cache)
            Set<ValueKind> kinds = EnumSet.noneOf(ValueKind.class);
            try (Connection c = db.connect()) {
                new TableCatalog().table(c, schema, "all_types").orElseThrow().columns().values()
                        .forEach(type -> kinds.add(type.kind()));
            }
            Set<ValueKind> expectedKinds = EnumSet.allOf(ValueKind.class);
            if (engine == Engine.POSTGRESQL) {
                expectedKinds.remove(ValueKind.SET); // PostgreSQL has no SET type
            }
            assertThat(kinds).as("kinds covered on %s", engine).containsAll(expectedKinds);
        }
    }

    private static List<CanonicalRow> read(TestDatabase db, Engine engine, List<String> columns,
                                           Map<String, ColumnType> overrides) throws SQLException {
        List<CanonicalRow> rows = new ArrayList<>();
        try (Connection c = db.connect()) {
            CanonicalValue.prepareSession(c, engine);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM all_types ORDER BY id")) {
                List<ColumnType> types = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    ColumnType override = overrides.get(columns.get(i - 1));
                    types.add(override != null ? override : ColumnType.fromMetadata(engine, rs.getMetaData(), i));
                }
                while (rs.next()) {
                    rows.add(CanonicalRow.fromJdbc(rs, types));
                }
            }
        }
        return rows;
    }

    private static void execute(TestDatabase db, String ddl) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : ddl.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
    }
}
