package io.strangler.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.config.ConfigFiles;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.sync.SyncPipeline;
import io.strangler.sync.SyncPipelineConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.containers.MariaDBContainer;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The main path of a migration on container images instead of the embedded servers: a PostgreSQL monolith with the
 * sample shop, a service database of each engine (PostgreSQL, MySQL 8, MariaDB), Apache Kafka in KRaft mode; the sync
 * pipeline of {@code strangler sync} (both captures, the sync, both apply sinks) configured from the sync examples with
 * only hosts and passwords put over them, as {@code --set} does. A row written on either side reaches the other.
 */
@ExtendWith(DockerRequired.class)
class ContainerSyncIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);

    private static KafkaContainer kafka;
    private static PostgreSQLContainer<?> monolith;
    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafkaAndTheMonolith() {
        kafka = new KafkaContainer("apache/kafka:4.1.1");
        monolith = new PostgreSQLContainer<>("postgres:17").withDatabaseName("shop").withUsername("strangler")
                .withPassword("strangler").withCommand("postgres", "-c", "wal_level=logical");
        kafka.start();
        monolith.start();
        registry = EmbeddedSchemaRegistry.start(kafka.getBootstrapServers());
    }

    @AfterAll
    static void stopAll() {
        if (registry != null) {
            registry.close();
        }
        Stream.of(monolith, kafka).filter(container -> container != null).forEach(container -> container.stop());
    }

    static Stream<String> serviceEngines() {
        return Stream.of("postgresql", "mysql", "mariadb");
    }

    @ParameterizedTest(name = "monolith PostgreSQL <-> service {0}")
    @MethodSource("serviceEngines")
    void shouldCarryARowFromEachSideToTheOther(String engine) throws Exception {
        // Given: the sample shop's tables on both sides, the service empty
        try (JdbcDatabaseContainer<?> service = serviceContainer(engine)) {
            service.start();
            String database = "shop_" + engine;
            recreateMonolith(database);
            try (Connection m = connect(monolith, database); Connection s = connect(service, null)) {
                SampleMonolith.createSchema(m);
                SampleMonolith.createSchema(s);
            }

            // When: the pipeline of `strangler sync` runs from the example, hosts and passwords overridden
            Map<String, String> values = ConfigFiles.read(example(engine), overrides(engine, service, database));
            try (SyncPipeline pipeline = SyncPipeline.create(new SyncPipelineConfig(values))) {
                pipeline.start();
                try (Connection m = connect(monolith, database); Connection s = connect(service, null)) {
                    insertWarehouse(m, 1, "MONO");

                    // Then: monolith -> service
                    await().atMost(CONVERGENCE).until(() -> warehouseCode(s, 1), "MONO"::equals);

                    // And: service -> monolith
                    insertWarehouse(s, 2, "SERV");
                    await().atMost(CONVERGENCE).until(() -> warehouseCode(m, 2), "SERV"::equals);
                    assertThat(warehouseCode(m, 1)).isEqualTo("MONO");
                }
            }
        }
    }

    private static JdbcDatabaseContainer<?> serviceContainer(String engine) {
        return switch (engine) {
            case "postgresql" -> new PostgreSQLContainer<>("postgres:17").withDatabaseName("shop_service")
                    .withUsername("strangler").withPassword("strangler").withCommand("postgres", "-c", "wal_level=logical");
            // root: the capture reads the binlog (REPLICATION SLAVE, REPLICATION CLIENT)
            case "mysql" -> new MySQLContainer<>("mysql:8.4").withDatabaseName("shop_service").withUsername("root")
                    .withPassword("strangler").withCommand("--server-id=1", "--log-bin=binlog", "--binlog-format=ROW");
            case "mariadb" -> new MariaDBContainer<>("mariadb:11.4").withDatabaseName("shop_service")
                    .withUsername("root").withPassword("strangler")
                    .withCommand("--server-id=1", "--log-bin=binlog", "--binlog-format=ROW");
            default -> throw new IllegalArgumentException(engine);
        };
    }

    private static Path example(String engine) {
        return ROOT.resolve(engine.equals("postgresql") ? "topologies/sync/examples/sync-postgresql.properties"
                : "topologies/sync/examples/sync-postgresql-mariadb.properties");
    }

    /** What a deployment puts over the example with --set: hosts, users, passwords, this run's names. */
    private Map<String, String> overrides(String engine, JdbcDatabaseContainer<?> service, String database)
            throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("bootstrap.servers", kafka.getBootstrapServers());
        overrides.put("schema.registry.url", registry.url());
        overrides.put("monolith.database.url", monolith.getJdbcUrl().replace("/shop", "/" + database));
        overrides.put("monolith.database.user", monolith.getUsername());
        overrides.put("monolith.database.password", monolith.getPassword());
        overrides.put("service.database.url", engine.equals("mysql")
                ? service.getJdbcUrl().replace("jdbc:mysql:", "jdbc:mariadb:") : service.getJdbcUrl());
        overrides.put("service.database.user", service.getUsername());
        overrides.put("service.database.password", service.getPassword());
        overrides.put("application.id", "containers-" + engine);
        overrides.put("sync.state.dir", dir.resolve("state").toString());
        overrides.put("strangler.consistency.enabled", "false");
        overrides.put("monolith.capture.slot.name", "strangler_" + engine);
        if (!engine.equals("postgresql")) {
            overrides.put("service.capture.database.server.id", Integer.toString(5400 + engine.length()));
        }
        return overrides;
    }

    private static void recreateMonolith(String database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(monolith.getJdbcUrl(), monolith.getUsername(),
                monolith.getPassword()); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private static Connection connect(JdbcDatabaseContainer<?> container, String database) throws SQLException {
        String url = database == null ? container.getJdbcUrl()
                : container.getJdbcUrl().replace("/shop", "/" + database);
        return DriverManager.getConnection(url.replace("jdbc:mysql:", "jdbc:mariadb:"), container.getUsername(),
                container.getPassword());
    }

    private static void insertWarehouse(Connection connection, int id, String code) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO warehouses"
                + " (id, code, name, country, opened_on, latitude, longitude) VALUES (?, ?, ?, 'DE', DATE '2024-01-01', 52.5, 13.4)")) {
            insert.setInt(1, id);
            insert.setString(2, code);
            insert.setString(3, "Warehouse " + code);
            insert.executeUpdate();
        }
    }

    private static String warehouseCode(Connection connection, int id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT code FROM warehouses WHERE id = ?")) {
            select.setInt(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1).trim() : null;
            }
        }
    }

}
