package io.strangler.replicate;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.catalog.Column;
import io.strangler.core.catalog.Table;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.RowTranslator;
import io.strangler.core.mapping.Side;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.ColumnType;
import io.strangler.core.row.RowHash;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Test helper: a registry, a unique topic prefix and a pipeline configuration between two test databases. */
final class ReplicateFixture implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    final TestKafka kafka;
    final EmbeddedSchemaRegistry registry;
    final String prefix;
    final Path dir;

    ReplicateFixture(TestKafka kafka, Path dir) {
        this.kafka = kafka;
        this.dir = dir;
        this.registry = EmbeddedSchemaRegistry.startInMemory();
        this.prefix = kafka.uniqueTopic("rep").replace('_', '-');
    }

    /** A second, empty PostgreSQL database whose owner may set session_replication_role. */
    static TestDatabase secondPostgres(EmbeddedPostgres server, String name) throws SQLException {
        DatabaseInfo info = server.createDatabase(name + "_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid());
        try (Connection c = DriverManager.getConnection(server.superuserJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("GRANT SET ON PARAMETER session_replication_role TO " + info.user());
        }
        return new TestDatabase(info.engine(), info.host(), info.port(), info.database(), info.user(), info.password());
    }

    /** Lets a test database's owner set session_replication_role (PostgreSQL only). */
    static void allowReplicationRole(EmbeddedPostgres server, TestDatabase db) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.superuserJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("GRANT SET ON PARAMETER session_replication_role TO " + db.user());
        }
    }

    Path mappingsFile(String yaml) {
        Path file = dir.resolve("mappings-" + System.nanoTime() + ".yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A pipeline configuration replicating from {@code source} (the monolith side) to {@code target}. */
    Map<String, String> config(TestDatabase source, TestDatabase target, Path mappings) {
        Map<String, String> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("schema.registry.url", registry.url());
        config.put("strangler.topic.prefix", prefix);
        config.put("strangler.mappings.file", mappings.toString());
        config.put(ReplicateStageConfig.SOURCE_NAME, source.database().replace('_', '-'));
        config.put(ReplicateStageConfig.TARGET, target.database().replace('_', '-'));
        config.put(ReplicateStageConfig.STATE_DIR, dir.resolve("streams").toString());
        config.put("capture.strangler.engine", source.engine());
        config.put("capture.database.hostname", source.host());
        config.put("capture.database.port", Integer.toString(source.port()));
        config.put("capture.database.user", source.user());
        config.put("capture.database.password", source.password());
        if (source.engine().equals("postgresql")) {
            config.put("capture.database.dbname", source.database());
            // the slot and publication are per server: name them after the (unique) database
            int n = DATABASES.incrementAndGet();
            config.put("capture.slot.name", "s" + n + "_" + source.database());
            config.put("capture.publication.name", "p" + n + "_" + source.database());
        } else {
            config.put("capture.database.ssl.mode", "disable");
        }
        config.put("capture.strangler.heartbeat.interval.ms", "1000");
        config.put("capture.strangler.retry.backoff.initial.ms", "200");
        config.put("capture.strangler.retry.backoff.max.ms", "1000");
        config.put("capture.strangler.metrics.jmx.enabled", "false");
        config.put("apply.database.url", target.jdbcUrl());
        config.put("apply.database.user", target.user());
        config.put("apply.database.password", target.password());
        config.put("apply.strangler.apply.retry.backoff.ms", "100");
        config.put("apply.strangler.apply.retry.backoff.max.ms", "1000");
        return config;
    }

    /** Row hash per logical key of every row of {@code mapping}'s table on {@code side}, read with catalogue types. */
    static Map<String, RowHash> logicalHashes(TestDatabase db, Side side, ResolvedMapping mapping) throws SQLException {
        RowTranslator translator = RowTranslator.of(mapping);
        Map<String, RowHash> out = new TreeMap<>();
        for (CanonicalRow row : rows(db, mapping.mapping().table(side).schema(), mapping.mapping().table(side).table())) {
            CanonicalRow logical = translator.toLogical(side, row);
            out.put(translator.key(Side.MONOLITH, logical).encode(), translator.hash(logical));
        }
        return out;
    }

    /** Every row of a table as canonical rows, using the catalogue's column types (enums, JSON, BIT widths). */
    static List<CanonicalRow> rows(TestDatabase db, String schema, String tableName) throws SQLException {
        try (Connection connection = db.connect()) {
            Catalog catalog = CatalogReader.read(connection, List.of(schema));
            Table table = catalog.table(schema, tableName).orElseThrow(() ->
                    new IllegalStateException("no table " + schema + "." + tableName + " in " + db));
            List<ColumnType> types = table.columns().stream().map(catalog::columnType).toList();
            String quote = db.engine().equals("postgresql") ? "\"" : "`";
            String columns = table.columns().stream().map(Column::name).map(c -> quote + c + quote)
                    .collect(Collectors.joining(", "));
            if (db.engine().equals("mariadb")) {
                io.strangler.core.row.CanonicalValue.prepareSession(connection, io.strangler.core.row.Engine.MARIADB);
            }
            List<CanonicalRow> rows = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT " + columns + " FROM " + quote + schema + quote + "."
                         + quote + tableName + quote)) {
                while (rs.next()) {
                    rows.add(CanonicalRow.fromJdbc(rs, types));
                }
            }
            return rows;
        }
    }

    static long count(TestDatabase db, String schema, String table) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
