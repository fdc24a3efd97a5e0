package io.strangler.core.row;

import static io.strangler.core.row.DebeziumSchemas.withSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

/**
 * One logical row, presented four ways — PostgreSQL JDBC, MariaDB JDBC, Debezium PostgreSQL, Debezium
 * MariaDB — must give one canonical row and one hash.
 */
class CrossEngineEquivalenceTest {

    private static final List<String> COLUMNS = List.of("id", "price", "ratio", "weight", "active", "code", "title",
            "born_on", "opens_at", "created_at", "updated_at", "ref", "doc", "payload", "mood");

    private static final List<ColumnType> PG_TYPES = List.of(
            new ColumnType(Engine.POSTGRESQL, "int8", Types.BIGINT, 0, 19, 0),
            new ColumnType(Engine.POSTGRESQL, "numeric", Types.NUMERIC, 0, 12, 2),
            new ColumnType(Engine.POSTGRESQL, "float8", Types.DOUBLE, 0, 17, 0),
            new ColumnType(Engine.POSTGRESQL, "float4", Types.REAL, 0, 8, 0),
            new ColumnType(Engine.POSTGRESQL, "bool", Types.BIT, 0, 1, 0),
            new ColumnType(Engine.POSTGRESQL, "bpchar", Types.CHAR, 5, 5, 0),
            new ColumnType(Engine.POSTGRESQL, "varchar", Types.VARCHAR, 100, 100, 0),
            new ColumnType(Engine.POSTGRESQL, "date", Types.DATE, 0, 13, 0),
            new ColumnType(Engine.POSTGRESQL, "time", Types.TIME, 0, 15, 6),
            new ColumnType(Engine.POSTGRESQL, "timestamp", Types.TIMESTAMP, 0, 26, 6),
            new ColumnType(Engine.POSTGRESQL, "timestamptz", Types.TIMESTAMP, 0, 35, 6),
            new ColumnType(Engine.POSTGRESQL, "uuid", Types.OTHER, 0, 0, 0),
            new ColumnType(Engine.POSTGRESQL, "jsonb", Types.OTHER, 0, 0, 0),
            new ColumnType(Engine.POSTGRESQL, "bytea", Types.BINARY, 0, 0, 0),
            new ColumnType(Engine.POSTGRESQL, "enum", Types.VARCHAR, 0, 0, 0));

    private static final List<ColumnType> MARIADB_TYPES = List.of(
            new ColumnType(Engine.MARIADB, "BIGINT", Types.BIGINT, 0, 19, 0),
            new ColumnType(Engine.MARIADB, "DECIMAL", Types.DECIMAL, 0, 12, 2),
            new ColumnType(Engine.MARIADB, "DOUBLE", Types.DOUBLE, 0, 22, 0),
            new ColumnType(Engine.MARIADB, "FLOAT", Types.REAL, 0, 12, 0),
            new ColumnType(Engine.MARIADB, "TINYINT", Types.BIT, 1, 1, 0),
            new ColumnType(Engine.MARIADB, "CHAR", Types.CHAR, 5, 5, 0),
            new ColumnType(Engine.MARIADB, "VARCHAR", Types.VARCHAR, 100, 100, 0),
            new ColumnType(Engine.MARIADB, "DATE", Types.DATE, 0, 10, 0),
            new ColumnType(Engine.MARIADB, "TIME", Types.TIME, 0, 15, 6),
            new ColumnType(Engine.MARIADB, "DATETIME", Types.TIMESTAMP, 0, 26, 6),
            new ColumnType(Engine.MARIADB, "TIMESTAMP", Types.TIMESTAMP, 0, 26, 6),
            new ColumnType(Engine.MARIADB, "UUID", Types.OTHER, 0, 36, 0),
            new ColumnType(Engine.MARIADB, "JSON", Types.LONGVARCHAR, 0, 0, 0),
            new ColumnType(Engine.MARIADB, "BLOB", Types.LONGVARBINARY, 0, 0, 0),
            new ColumnType(Engine.MARIADB, "ENUM", Types.VARCHAR, 0, 0, 0));

    private static final DateTimeFormatter DEBEZIUM_ZONED = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Test
    void shouldReadTheSameLogicalRowIdenticallyFromAllFourSources() throws SQLException {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            // Given one random logical row
            Logical row = Logical.random(random);

            // When it is read through every path
            CanonicalRow pgJdbc = CanonicalRow.fromJdbc(FakeResultSet.of(COLUMNS, row.postgresJdbc()), PG_TYPES);
            CanonicalRow mariaJdbc = CanonicalRow.fromJdbc(FakeResultSet.of(COLUMNS, row.mariadbJdbc()), MARIADB_TYPES);
            CanonicalRow pgConnect = connectRow(row.postgresConnectSchemas(), row.postgresConnectValues());
            CanonicalRow mariaConnect = connectRow(row.mariadbConnectSchemas(), row.mariadbConnectValues());

            // Then all four are equal, hash equally, and match the expected canonical values
            assertThat(mariaJdbc).as("row %s", row).isEqualTo(pgJdbc);
            assertThat(pgConnect).as("row %s", row).isEqualTo(pgJdbc);
            assertThat(mariaConnect).as("row %s", row).isEqualTo(pgJdbc);
            assertThat(pgJdbc).isEqualTo(row.expected());
            RowHash hash = RowHash.of(pgJdbc, COLUMNS);
            assertThat(List.of(RowHash.of(mariaJdbc, COLUMNS), RowHash.of(pgConnect, COLUMNS), RowHash.of(mariaConnect, COLUMNS)))
                    .containsOnly(hash);
        }
    }

    private static CanonicalRow connectRow(List<Schema> schemas, List<Object> values) {
        CanonicalRow.Builder builder = CanonicalRow.builder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            builder.put(COLUMNS.get(i), CanonicalValue.fromConnect(COLUMNS.get(i), schemas.get(i), values.get(i)));
        }
        return builder.build();
    }

    record Logical(long id, BigDecimal price, double ratio, float weight, boolean active, String code, String title,
                   LocalDate bornOn, LocalTime opensAt, LocalDateTime createdAt, Instant updatedAt, UUID ref,
                   int docVariant, byte[] payload, String mood) {

        static Logical random(Random r) {
            byte[] payload = new byte[r.nextInt(40)];
            r.nextBytes(payload);
            return new Logical(r.nextLong(),
                    BigDecimal.valueOf(r.nextLong() % 1_000_000_000_000L, 2),
                    r.nextBoolean() ? r.nextGaussian() * 1e9 : -0.0d,
                    r.nextFloat() * 1000f,
                    r.nextBoolean(),
                    "ab".substring(0, r.nextInt(3)) + (r.nextBoolean() ? " x" : ""),
                    RandomRows.string(r),
                    LocalDate.ofEpochDay(r.nextInt(80_000) - 20_000),
                    LocalTime.ofNanoOfDay((Math.abs(r.nextLong()) % 86_400_000_000L) * 1_000L),
                    LocalDateTime.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000) * 1_000, ZoneOffset.UTC),
                    Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000) * 1_000L),
                    new UUID(r.nextLong(), r.nextLong()),
                    r.nextInt(3),
                    payload,
                    List.of("happy", "sad", "ok").get(r.nextInt(3)));
        }

        String pgJson() {
            // jsonb output: keys by length then bytes, ", " and ": " separators, numbers as numeric
            return switch (docVariant) {
                case 0 -> "{\"a\": 1, \"bb\": [1, 2.0, {\"y\": null, \"x\": \"t\"}]}";
                case 1 -> "[]";
                default -> "{\"n\": 1.50, \"title\": \"" + title + "\"}";
            };
        }

        String mariadbJson() {
            // MariaDB JSON keeps the text as inserted
            return switch (docVariant) {
                case 0 -> "{\"bb\":[1,2.00,{\"x\":\"t\",\"y\":null}],\"a\":1.0}";
                case 1 -> "[ ]";
                default -> "{ \"title\" : \"" + title + "\", \"n\" : 15e-1 }";
            };
        }

        String pgChar() {
            return (code + "     ").substring(0, 5);
        }

        List<Object> postgresJdbc() {
            return list(id, price, ratio, weight, active, pgChar(), title, bornOn, opensAt.toString(), createdAt,
                    updatedAt.atOffset(ZoneOffset.ofHours(2)), ref.toString(), pgJson(), payload.clone(), mood);
        }

        List<Object> mariadbJdbc() {
            // MariaDB strips CHAR padding; TIMESTAMP comes back as wall clock in the (UTC) session zone
            return list(id, price, ratio, weight, active, code, title, bornOn,
                    opensAt.format(DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS")), createdAt,
                    LocalDateTime.ofInstant(updatedAt, ZoneOffset.UTC), ref.toString().toUpperCase(Locale.ROOT),
                    mariadbJson(), payload.clone(), mood);
        }

        List<Schema> postgresConnectSchemas() {
            return List.of(Schema.OPTIONAL_INT64_SCHEMA, DebeziumSchemas.decimal(12, 2), Schema.OPTIONAL_FLOAT64_SCHEMA,
                    Schema.OPTIONAL_FLOAT32_SCHEMA, Schema.OPTIONAL_BOOLEAN_SCHEMA, withSource(SchemaBuilder.string(), "BPCHAR", 5),
                    Schema.OPTIONAL_STRING_SCHEMA, DebeziumSchemas.date(), DebeziumSchemas.microTime(),
                    DebeziumSchemas.microTimestamp(), DebeziumSchemas.zonedTimestamp(), DebeziumSchemas.uuid(),
                    DebeziumSchemas.json(), Schema.OPTIONAL_BYTES_SCHEMA, DebeziumSchemas.enumeration("happy,sad,ok"));
        }

        List<Object> postgresConnectValues() {
            return list(id, price, ratio, weight, active, pgChar(), title, (int) bornOn.toEpochDay(), micros(opensAt),
                    micros(createdAt), DEBEZIUM_ZONED.format(updatedAt.atOffset(ZoneOffset.UTC)), ref.toString(),
                    pgJson(), ByteBuffer.wrap(payload.clone()), mood);
        }

        List<Schema> mariadbConnectSchemas() {
            return List.of(Schema.OPTIONAL_INT64_SCHEMA, DebeziumSchemas.decimal(12, 2), Schema.OPTIONAL_FLOAT64_SCHEMA,
                    Schema.OPTIONAL_FLOAT32_SCHEMA, withSource(SchemaBuilder.int16(), "TINYINT", 1),
                    withSource(SchemaBuilder.string(), "CHAR", 5), Schema.OPTIONAL_STRING_SCHEMA, DebeziumSchemas.date(),
                    DebeziumSchemas.microTime(), DebeziumSchemas.microTimestamp(), DebeziumSchemas.zonedTimestamp(),
                    withSource(SchemaBuilder.string(), "UUID", 36), DebeziumSchemas.json(), Schema.OPTIONAL_BYTES_SCHEMA,
                    DebeziumSchemas.enumeration("happy,sad,ok"));
        }

        List<Object> mariadbConnectValues() {
            return list(id, price, ratio, weight, (short) (active ? 1 : 0), code, title, (int) bornOn.toEpochDay(),
                    micros(opensAt), micros(createdAt), updatedAt.truncatedTo(ChronoUnit.MICROS).toString(),
                    ref.toString().toUpperCase(Locale.ROOT), mariadbJson(), payload.clone(), mood);
        }

        CanonicalRow expected() {
            String doc = switch (docVariant) {
                case 0 -> "{\"a\":1,\"bb\":[1,2,{\"x\":\"t\",\"y\":null}]}";
                case 1 -> "[]";
                default -> "{\"n\":1.5,\"title\":\"" + title + "\"}";
            };
            CanonicalRow.Builder b = CanonicalRow.builder().put("id", id).put("price", price.toPlainString())
                    .put("ratio", ratio == 0.0 ? 0.0 : ratio).put("weight", Double.parseDouble(Float.toString(weight)))
                    .put("active", active).put("code", code).put("title", title).put("born_on", bornOn.toEpochDay())
                    .put("opens_at", micros(opensAt)).put("created_at", micros(createdAt))
                    .put("updated_at", updatedAt.getEpochSecond() * 1_000_000L + updatedAt.getNano() / 1_000)
                    .put("ref", ref.toString());
            return b.put("doc", doc).put("payload", payload).put("mood", mood).build();
        }

        private static long micros(LocalTime t) {
            return t.toNanoOfDay() / 1_000L;
        }

        private static long micros(LocalDateTime t) {
            return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1_000;
        }

        private static List<Object> list(Object... values) {
            return new ArrayList<>(java.util.Arrays.asList(values));
        }
    }
}
