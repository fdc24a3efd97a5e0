package io.strangler.embedded.sample;

import io.strangler.embedded.sample.internal.SampleTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample monolith: an online shop of 20 tables with foreign keys, on PostgreSQL or MariaDB, used by the
 * demo, the tests and the benchmarks. Tables are listed in foreign-key dependency order (parents first).
 *
 * <pre>{@code
 * try (Connection c = db.connect()) {
 *     SampleMonolith.createSchema(c);                                  // engine from the connection metadata
 *     Map<String, Long> counts = new SampleDataGenerator(42, 1_000).generate(c);
 * }
 * }</pre>
 */
public final class SampleMonolith {

    private static final Logger LOGGER = LoggerFactory.getLogger(SampleMonolith.class);

    private SampleMonolith() {
    }

    /** All tables in foreign-key dependency order: insert in this order, delete in reverse. */
    public static List<SampleTable> tables() {
        return SampleTables.ALL;
    }

    /** Table names in foreign-key dependency order. */
    public static List<String> tableNames() {
        return SampleTables.ALL.stream().map(SampleTable::name).toList();
    }

    /** The table with that name; IllegalArgumentException naming it when there is none. */
    public static SampleTable table(String name) {
        return SampleTables.ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sample table '" + name + "'; known: "
                        + tableNames()));
    }

    /** Creates all types and tables in the connection's current schema/database, engine from its metadata. */
    public static void createSchema(Connection connection) throws SQLException {
        createSchema(connection, SampleEngine.of(connection));
    }

    /**
     * Creates all types and tables in the connection's current schema/database. Runs in one transaction on
     * PostgreSQL (DDL is transactional there); MariaDB commits each DDL statement implicitly.
     */
    public static void createSchema(Connection connection, SampleEngine engine) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(engine)) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    connection.rollback();
                    throw new SQLException("sample schema (" + engine.schemaResource() + ") failed at: " + sql,
                            e.getSQLState(), e);
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        LOGGER.info("Created the sample monolith schema ({} tables) on {}", tables().size(), engine);
    }

    /** The engine's DDL script, as stored in {@link SampleEngine#schemaResource()}. */
    public static String schemaScript(SampleEngine engine) {
        String resource = engine.schemaResource();
        try (InputStream in = SampleMonolith.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The DDL statements, split on semicolons at line ends, without comment lines. */
    public static List<String> statements(SampleEngine engine) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : schemaScript(engine).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException(engine.schemaResource() + ": last statement has no terminating ';'");
        }
        return List.copyOf(statements);
    }
}
