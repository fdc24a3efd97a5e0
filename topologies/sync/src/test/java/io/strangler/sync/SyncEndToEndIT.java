package io.strangler.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.apply.ApplySink;
import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.capture.CaptureProcessor;
import io.strangler.capture.CaptureState;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.MappingValidator;
import io.strangler.core.mapping.OneSidedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.TopicNames;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole loop on real servers: PostgreSQL monolith {@code public.customer(id, name, email, legacy_code)} and MariaDB
 * service {@code client(id, full_name, email, tier)} — a table rename, a column rename and a one-side-only column on
 * each side — with capture, the sync and an apply sink per side. The monolith starts populated (bootstrap), then
 * writers on both databases insert, update and delete overlapping keys while the sync is restarted once; after
 * quiescence both tables hold the same rows and nothing reached the dead-letter topic. Seed: {@code -Dsync.it.seed}.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncEndToEndIT {

    private static final Logger LOGGER = LoggerFactory.getLogger(SyncEndToEndIT.class);
    private static final Duration QUIESCENCE = Duration.ofSeconds(120);
    private static final int KEYS = 30;

    private TestKafka kafka;
    private TestDatabase monolithDb;
    private TestDatabase serviceDb;
    private EmbeddedSchemaRegistry registry;
    private String prefix;
    private final List<AutoCloseable> running = new ArrayList<>();
    private CaptureProcessor monolithCapture;
    private CaptureProcessor serviceCapture;
    private Path stateDir;
    private SyncApp sync;
    /** The last local write per key, in commit order: the row's logical value, or null for a delete. */
    private final Map<Long, String> lastWriteValue = new HashMap<>();
    private final Map<Long, Side> lastWriter = new HashMap<>();

    @BeforeAll
    void createSchemas(TestKafka kafka, @Postgres TestDatabase monolith, @MariaDb TestDatabase service) throws Exception {
        this.kafka = kafka;
        this.monolithDb = monolith;
        this.serviceDb = service;
        execute(monolith, "CREATE TABLE customer (id bigint PRIMARY KEY, name varchar(40) NOT NULL, email varchar(80),"
                + " legacy_code varchar(10))", "ALTER TABLE customer REPLICA IDENTITY FULL");
        execute(service, "CREATE TABLE client (id bigint PRIMARY KEY, full_name varchar(40) NOT NULL, email varchar(80),"
                + " tier varchar(10) NOT NULL DEFAULT 'basic')");
        try (Connection connection = monolith.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO customer VALUES (?, ?, ?, 'L')")) {
            for (long id = 1; id <= KEYS / 2; id++) {
                insert.setLong(1, id);
                insert.setString(2, "boot-" + id);
                insert.setString(3, "boot-" + id + "@x");
                insert.executeUpdate();
            }
        }
        registry = EmbeddedSchemaRegistry.startInMemory();
        prefix = kafka.uniqueTopic("sync-e2e").replace('_', '-');
        stateDir = Files.createDirectories(Path.of("target", "sync-e2e-state", prefix));
        TopicNames names = new TopicNames(prefix);
        kafka.createTopic(names.cdc("monolith", "public", "customer"), 3, Map.of());
        kafka.createTopic(names.cdc("service", service.database(), "client"), 3, Map.of());
        kafka.createTopic(names.apply("monolith"), 3, Map.of());
        kafka.createTopic(names.apply("service"), 3, Map.of());
        kafka.createTopic(names.syncConflicts(), 1, Map.of());
        kafka.createTopic(names.syncDlq(), 1, Map.of());
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (sync != null) {
            sync.close();
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldBootstrapThenConvergeBothDatabasesUnderConcurrentWritesAndASyncRestart() throws Exception {
        long seed = Long.getLong("sync.it.seed", System.nanoTime());
        LOGGER.info("SyncEndToEndIT seed {} (replay with -Dsync.it.seed={})", seed, seed);
        try {
            run(new Random(seed));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("end-to-end sync failed with seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private void run(Random random) throws Exception {
        // Given: capture of both sides, the sync, an apply sink per side
        List<ResolvedMapping> mappings = List.of(resolvedMapping());
        monolithCapture = capture("monolith", "postgresql", monolithDb, "public.customer");
        serviceCapture = capture("service", "mariadb", serviceDb, serviceDb.database() + ".client");
        running.add(apply("monolith", monolithDb));
        running.add(apply("service", serviceDb));
        sync = startSync(mappings);

        // Then: the populated monolith is copied to the empty service
        await().atMost(QUIESCENCE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(rows(serviceDb, "client", "full_name")).hasSize(KEYS / 2));

        // When: writers on both sides hit overlapping keys; the sync is restarted half-way
        for (int round = 0; round < 200; round++) {
            write(random.nextBoolean() ? Side.MONOLITH : Side.SERVICE, 1 + random.nextInt(KEYS), random, round);
            if (round == 100) {
                sync.close();
                sync = startSync(mappings);
            }
        }

        // Then: after quiescence both tables are identical, stay so, and nothing was dead-lettered
        await().atMost(QUIESCENCE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(rows(serviceDb, "client", "full_name"))
                        .isEqualTo(rows(monolithDb, "customer", "name")));
        Map<Long, String> settled = rows(monolithDb, "customer", "name");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(rows(monolithDb, "customer", "name")).isEqualTo(settled);
            assertThat(rows(serviceDb, "client", "full_name")).isEqualTo(settled);
        });
        assertThat(deadLetters()).isZero();

        // And: under the monolith-priority strategy, a row whose last write was on the monolith holds that write
        lastWriter.forEach((id, side) -> {
            if (side == Side.MONOLITH) {
                assertThat(settled.get(id)).as("row %s, last written on the monolith", id)
                        .isEqualTo(lastWriteValue.get(id));
            }
        });
        LOGGER.info("Converged on {} rows; restarted sync's metrics: conflicts {}, echoes suppressed {}, applies {};"
                + " conflict events by kind {}", settled.size(), metric("conflicts-total"),
                metric("echoes-suppressed-total"), metric("applies-total"), conflictKinds());
    }

    private SyncApp startSync(List<ResolvedMapping> mappings) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("schema.registry.url", registry.url());
        config.put("strangler.topic.prefix", prefix);
        config.put("application.id", prefix + "-sync");
        config.put("sync.state.dir", stateDir.toString());
        config.put("sync.replication.factor", "1");
        config.put("monolith.database.url", monolithDb.jdbcUrl());
        config.put("monolith.database.user", monolithDb.user());
        config.put("service.database.url", serviceDb.jdbcUrl());
        config.put("service.database.user", serviceDb.user());
        config.put("streams.consumer.auto.offset.reset", "earliest");
        SyncApp sync = new SyncApp(new SyncConfig(config), mappings, RestSchemaRegistryClient.create(registry.url()));
        sync.start();
        return sync;
    }

    private ResolvedMapping resolvedMapping() throws SQLException {
        Mapping mapping = new Mapping("customers", new TableRef("public", "customer"),
                new TableRef(serviceDb.database(), "client"), List.of("id"), Map.of("name", "full_name"),
                List.of(new OneSidedColumn("legacy_code", null)), List.of(new OneSidedColumn("tier", "basic")),
                List.of(), List.of(), Direction.BOTH, new ConflictStrategy.Priority(Side.MONOLITH));
        try (Connection monolith = monolithDb.connect(); Connection service = serviceDb.connect()) {
            return MappingValidator.validateOrThrow(mapping, CatalogReader.read(monolith), CatalogReader.read(service));
        }
    }

    private CaptureProcessor capture(String source, String engine, TestDatabase db, String table) {
        Map<String, String> props = new HashMap<>();
        props.put(CaptureConfig.SOURCE_NAME, source);
        props.put(CaptureConfig.ENGINE, engine);
        props.put(CaptureConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(CaptureConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(CaptureConfig.TOPIC_PREFIX, prefix);
        props.put(CaptureConfig.HEARTBEAT_INTERVAL_MS, "1000");
        props.put(CaptureConfig.RETRY_BACKOFF_INITIAL_MS, "200");
        props.put(CaptureConfig.RETRY_BACKOFF_MAX_MS, "1000");
        props.put(CaptureConfig.METRICS_JMX_ENABLED, "false");
        props.put("database.hostname", db.host());
        props.put("database.port", Integer.toString(db.port()));
        props.put("database.user", db.user());
        props.put("database.password", db.password());
        props.put("table.include.list", table);
        if (engine.equals("postgresql")) {
            props.put("database.dbname", db.database());
            props.put("slot.name", "sync_e2e_" + Math.abs(prefix.hashCode()));
        } else {
            props.put("database.include.list", db.database());
            props.put("database.ssl.mode", "disable");
        }
        CaptureProcessor capture = new CaptureProcessor(new CaptureConfig(props));
        running.add(capture);
        capture.start();
        await().atMost(QUIESCENCE).until(() -> capture.state() == CaptureState.RUNNING);
        return capture;
    }

    private ApplySink apply(String target, TestDatabase db) {
        Map<String, Object> config = new HashMap<>();
        config.put(ApplySinkConfig.TARGET, target);
        config.put(ApplySinkConfig.JDBC_URL, db.jdbcUrl());
        config.put(ApplySinkConfig.JDBC_USER, db.user());
        config.put(ApplySinkConfig.JDBC_PASSWORD, db.password());
        config.put(ApplySinkConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        config.put(ApplySinkConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(ApplySinkConfig.TOPIC_PREFIX, prefix);
        config.put(ApplySinkConfig.GROUP_ID, prefix + "-apply-" + target);
        config.put(ApplySinkConfig.RETRY_BACKOFF_MS, 100L);
        config.put(ApplySinkConfig.RETRY_BACKOFF_MAX_MS, 1_000L);
        ApplySink sink = ApplySink.create(new ApplySinkConfig(config));
        sink.start();
        return sink;
    }

    /**
     * One local write: insert (as an upsert, since the sync may create the row meanwhile) when the row is missing, else
     * update (3 in 4) or delete. A write that found no row (the sync deleted it meanwhile) did not happen.
     */
    private void write(Side side, long id, Random random, int round) throws SQLException {
        TestDatabase db = side == Side.MONOLITH ? monolithDb : serviceDb;
        String table = side == Side.MONOLITH ? "customer" : "client";
        String name = side == Side.MONOLITH ? "name" : "full_name";
        String value = side.label().charAt(0) + "-" + round;
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet rs = statement.executeQuery("SELECT 1 FROM " + table + " WHERE id = " + id)) {
                exists = rs.next();
            }
            String newValue = value + "|" + value + "@x";
            int changed;
            if (!exists) {
                String insert = "INSERT INTO " + table + " (id, " + name + ", email) VALUES (" + id + ", '" + value
                        + "', '" + value + "@x')";
                changed = statement.executeUpdate(insert + (side == Side.MONOLITH
                        ? " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email"
                        : " ON DUPLICATE KEY UPDATE full_name = VALUES(full_name), email = VALUES(email)"));
            } else if (random.nextInt(4) == 0) {
                changed = statement.executeUpdate("DELETE FROM " + table + " WHERE id = " + id);
                newValue = null;
            } else {
                changed = statement.executeUpdate("UPDATE " + table + " SET " + name + " = '" + value + "', email = '"
                        + value + "@x' WHERE id = " + id);
            }
            if (changed > 0) {
                lastWriter.put(id, side);
                lastWriteValue.put(id, newValue);
            }
        }
    }

    private double metric(String name) {
        return sync.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    /** Logical rows of a table: id → name|email. */
    private static Map<Long, String> rows(TestDatabase db, String table, String nameColumn) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, " + nameColumn + ", email FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }

    private Map<String, Integer> conflictKinds() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-conflicts-check");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var serde = SyncSerdes.avro(RestSchemaRegistryClient.create(registry.url())).conflict();
        Map<String, Integer> kinds = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            String topic = new TopicNames(prefix).syncConflicts();
            consumer.subscribe(List.of(topic));
            for (int i = 0; i < 5; i++) {
                consumer.poll(Duration.ofSeconds(1)).forEach(record -> kinds.merge(
                        serde.deserializer().deserialize(topic, record.value()).getKind().name(), 1, Integer::sum));
            }
        }
        return kinds;
    }

    private long deadLetters() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + "-dlq-check");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(new TopicNames(prefix).syncDlq()));
            long count = 0;
            for (int i = 0; i < 5; i++) {
                count += consumer.poll(Duration.ofSeconds(1)).count();
            }
            return count;
        }
    }

    private static void execute(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
