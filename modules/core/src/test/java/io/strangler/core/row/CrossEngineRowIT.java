package io.strangler.core.row;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same table on embedded PostgreSQL and embedded MariaDB, the same rows inserted on both, read back
 * through the JDBC path: equal canonical rows and equal hashes.
 */
@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class CrossEngineRowIT {

    private static final List<String> COLUMNS = List.of("id", "small", "price", "ratio", "active", "title", "code",
            "body", "born_on", "opens_at", "created_at", "updated_at", "ref", "doc", "payload", "mood");

    private static final String PG_DDL = """
            CREATE TYPE mood AS ENUM ('happy', 'sad', 'ok');
            CREATE TABLE sample (id bigint PRIMARY KEY, small smallint, price numeric(12,2), ratio float8,
                active boolean, title varchar(100), code char(5), body text, born_on date, opens_at time(6),
                created_at timestamp(6), updated_at timestamptz(6), ref uuid, doc jsonb, payload bytea, mood mood)
            """;

    private static final String MARIADB_DDL = """
            CREATE TABLE sample (id BIGINT PRIMARY KEY, small SMALLINT, price DECIMAL(12,2), ratio DOUBLE,
                active TINYINT(1), title VARCHAR(100), code CHAR(5), body TEXT, born_on DATE, opens_at TIME(6),
                created_at DATETIME(6), updated_at TIMESTAMP(6) NULL, ref UUID, doc JSON, payload BLOB,
                mood ENUM('happy', 'sad', 'ok')) DEFAULT CHARSET = utf8mb4
            """;

    @Test
    void shouldReadEqualCanonicalRowsAndHashesFromBothEngines(@Postgres TestDatabase postgres, @MariaDb TestDatabase mariadb)
            throws SQLException {
        // Given the same rows in equivalent tables on both engines
        List<Sample> samples = samples(new Random(11), 60);
        try (Connection pg = postgres.connect(); Connection maria = mariadb.connect()) {
            CanonicalValue.prepareSession(pg, Engine.POSTGRESQL);
            CanonicalValue.prepareSession(maria, Engine.MARIADB);
            execute(pg, PG_DDL);
            execute(maria, MARIADB_DDL);
            insert(pg, Engine.POSTGRESQL, samples);
            insert(maria, Engine.MARIADB, samples);

            // When both are read through the JDBC path
            List<CanonicalRow> fromPg = read(pg, Engine.POSTGRESQL);
            List<CanonicalRow> fromMaria = read(maria, Engine.MARIADB);

            // Then the rows and their hashes are equal, row by row
            assertThat(fromPg).hasSize(samples.size());
            assertThat(fromMaria).containsExactlyElementsOf(fromPg);
            for (int i = 0; i < fromPg.size(); i++) {
                assertThat(RowHash.of(fromMaria.get(i), COLUMNS)).as("row %s", fromPg.get(i))
                        .isEqualTo(RowHash.of(fromPg.get(i), COLUMNS));
            }
            // and the values are the canonical ones, not merely equal to each other
            Sample first = samples.get(0);
            CanonicalRow row = fromPg.get(0);
            assertThat(row.get("price")).isEqualTo(first.price().setScale(2).toPlainString());
            assertThat(row.get("code")).isEqualTo(first.code().stripTrailing());
            assertThat(row.get("updated_at")).isEqualTo(first.updatedAt().getEpochSecond() * 1_000_000L
                    + first.updatedAt().getNano() / 1_000);
            assertThat(row.get("active")).isInstanceOf(Boolean.class);
        }
    }

    private static List<CanonicalRow> read(Connection connection, Engine engine) throws SQLException {
        List<CanonicalRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", COLUMNS) + " FROM sample ORDER BY id")) {
            List<ColumnType> types = new ArrayList<>();
            for (int i = 1; i <= COLUMNS.size(); i++) {
                types.add(ColumnType.fromMetadata(engine, rs.getMetaData(), i));
            }
            // What driver metadata cannot say comes from the catalogue: a PostgreSQL enum is reported under
            // its own type name, MariaDB JSON is LONGTEXT and its UUID type may be reported as a string.
            if (engine == Engine.POSTGRESQL) {
                types.set(COLUMNS.indexOf("mood"), ColumnType.of(engine, "enum"));
            } else {
                types.set(COLUMNS.indexOf("doc"), ColumnType.of(engine, "json"));
                types.set(COLUMNS.indexOf("ref"), ColumnType.of(engine, "uuid"));
            }
            while (rs.next()) {
                rows.add(CanonicalRow.fromJdbc(rs, types));
            }
        }
        return rows;
    }

    private static void insert(Connection connection, Engine engine, List<Sample> samples) throws SQLException {
        String marks = String.join(", ", COLUMNS.stream().map(c -> "?").toList());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sample (" + String.join(", ", COLUMNS) + ") VALUES (" + marks + ")")) {
            for (Sample s : samples) {
                bind(insert, engine, s);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, Engine engine, Sample s) throws SQLException {
        boolean pg = engine == Engine.POSTGRESQL;
        ps.setLong(1, s.id());
        setOrNull(ps, 2, s.small(), Types.SMALLINT);
        setOrNull(ps, 3, s.price(), Types.DECIMAL);
        setOrNull(ps, 4, s.ratio(), Types.DOUBLE);
        setOrNull(ps, 5, s.active(), pg ? Types.BOOLEAN : Types.TINYINT);
        setOrNull(ps, 6, s.title(), Types.VARCHAR);
        setOrNull(ps, 7, s.code(), Types.CHAR);
        setOrNull(ps, 8, s.body(), Types.VARCHAR);
        setOrNull(ps, 9, s.bornOn(), Types.DATE);
        setOrNull(ps, 10, s.opensAt(), Types.TIME);
        setOrNull(ps, 11, s.createdAt(), Types.TIMESTAMP);
        if (s.updatedAt() == null) {
            ps.setNull(12, pg ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
        } else if (pg) {
            ps.setObject(12, s.updatedAt().atOffset(ZoneOffset.ofHours(5)));
        } else {
            ps.setObject(12, LocalDateTime.ofInstant(s.updatedAt(), ZoneOffset.UTC)); // session zone is UTC
        }
        if (pg) {
            ps.setObject(13, s.ref(), Types.OTHER);
            ps.setObject(14, s.doc(), Types.OTHER);
        } else {
            setOrNull(ps, 13, s.ref() == null ? null : s.ref().toString(), Types.VARCHAR);
            setOrNull(ps, 14, s.doc(), Types.VARCHAR);
        }
        if (s.payload() == null) {
            ps.setNull(15, Types.BINARY);
        } else {
            ps.setBytes(15, s.payload());
        }
        if (pg) {
            ps.setObject(16, s.mood(), Types.OTHER);
        } else {
            setOrNull(ps, 16, s.mood(), Types.VARCHAR);
        }
    }

    private static void setOrNull(PreparedStatement ps, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType);
        } else {
            ps.setObject(index, value);
        }
    }

    private static void execute(Connection connection, String ddl) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : ddl.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    record Sample(long id, Short small, BigDecimal price, Double ratio, Boolean active, String title, String code,
                  String body, LocalDate bornOn, LocalTime opensAt, LocalDateTime createdAt, Instant updatedAt, UUID ref,
                  String doc, byte[] payload, String mood) {
    }

    private static List<Sample> samples(Random r, int count) {
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample(1, (short) -5, new BigDecimal("12.5"), -0.0d, true, "Ada", "ab  ", "trailing  ",
                LocalDate.of(1815, 12, 10), LocalTime.of(23, 59, 59, 999_999_000), LocalDateTime.of(2024, 2, 29, 12, 0, 0, 1_000),
                Instant.parse("2024-03-31T01:30:00.000001Z"), UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                "{\"b\": [1, 2.50, {\"y\": null, \"x\": \"t\"}], \"a\": 1.0}", new byte[] {0, -1, 16}, "happy"));
        samples.add(new Sample(2, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        samples.add(new Sample(3, (short) 0, new BigDecimal("0"), 0.1d, false, "", "", "", LocalDate.ofEpochDay(0),
                LocalTime.MIDNIGHT, LocalDateTime.of(1970, 1, 1, 0, 0), Instant.ofEpochSecond(1), new UUID(0, 0),
                "[]", new byte[0], "ok"));
        for (int i = samples.size(); i < count; i++) {
            byte[] payload = new byte[r.nextInt(64)];
            r.nextBytes(payload);
            samples.add(new Sample(10 + i, (short) r.nextInt(Short.MAX_VALUE),
                    BigDecimal.valueOf(r.nextLong() % 1_000_000_000_000L, 2), r.nextGaussian() * 1e6, r.nextBoolean(),
                    RandomRows.string(r), "x".repeat(r.nextInt(5)), RandomRows.string(r) + " \t",
                    LocalDate.ofEpochDay(r.nextInt(40_000)), LocalTime.ofNanoOfDay(r.nextLong(86_400_000_000L) * 1_000L),
                    LocalDateTime.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000) * 1_000, ZoneOffset.UTC),
                    Instant.ofEpochSecond(1 + r.nextInt(2_000_000_000), r.nextInt(1_000_000) * 1_000L),
                    // a version-3 UUID: MariaDB rejects some version/variant combinations of fully random bits
                    UUID.nameUUIDFromBytes(payload),
                    "{\"n\": " + r.nextInt(100) + ".0, \"s\": \"" + RandomRows.string(r) + "\"}", payload,
                    List.of("happy", "sad", "ok").get(r.nextInt(3))));
        }
        return samples;
    }
}
