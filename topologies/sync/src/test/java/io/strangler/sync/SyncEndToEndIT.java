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
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole loop on real servers: PostgreSQL monolith {@code public.customer(id, name, email, legacy_code)} and MariaDB
 * service {@code client(id, full_name, email, tier)} — a table rename, a column rename and a one-side-only column on
 * each side — with capture, the sync and an apply sink per side, strategy priority (monolith). The monolith starts
 * populated (bootstrap). Each run (seed) then has writers on both databases insert, update and delete overlapping keys
 * of its own key range while the service's capture, the sync and the monolith's apply sink are restarted, and on every
 * other run a second sync instance with the same application.id joins and the first leaves (a rebalance). After
 * quiescence both tables hold the same rows, nothing reached the dead-letter topic, and every row last written on the
 * monolith holds that write (the priority oracle). {@code -Dsync.it.seeds=<n>} (default 5, {@code -Pconvergence}: 50),
 * {@code -Dsync.it.seed=<seed>} replays one.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncEndToEndIT {

    private static final Logger LOGGER = LoggerFactory.getLogger(SyncEndToEndIT.class);
    private static final Duration QUIESCENCE = Duration.ofSeconds(120);
    private static final int KEYS = 30;
    private static final int SYNC_PARTITIONS = 3;

    private TestKafka kafka;
    private TestDatabase monolithDb;
    private TestDatabase serviceDb;
    private EmbeddedSchemaRegistry registry;
    private String prefix;
    private final List<AutoCloseable> running = new ArrayList<>();
    private CaptureProcessor monolithCapture;
    private CaptureProcessor serviceCapture;
    private ApplySink monolithApply;
    private ApplySink serviceApply;
    private List<ResolvedMapping> mappings;
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
        // topic prefixes repeat from one JVM to the next (fresh broker), so the state directory must not
        stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "sync-e2e-state")), "run-");
        TopicNames names = new TopicNames(prefix);
        // the monolith's topic has the sync's partition count, the service's fewer: both ways into the store run
        kafka.createTopic(names.cdc("monolith", "public", "customer"), SYNC_PARTITIONS, Map.of());
        kafka.createTopic(names.cdc("service", service.database(), "client"), SYNC_PARTITIONS - 1, Map.of());
        kafka.createTopic(names.apply("monolith"), 3, Map.of());
        kafka.createTopic(names.apply("service"), 3, Map.of());
        kafka.createTopic(names.syncConflicts(), 1, Map.of());
        kafka.createTopic(names.syncDlq(), 1, Map.of());
        startPipelineAndBootstrap();
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

    /** CI runs {@code sync.it.seeds} seeds (default 5; {@code -Pconvergence} runs 50); {@code -Dsync.it.seed} replays one. */
    static Stream<Arguments> seeds() {
        return ConvergenceSeeds.of(5);
    }

    private void startPipelineAndBootstrap() throws Exception {
        // Given: capture of both sides, the sync, an apply sink per side
        mappings = List.of(resolvedMapping());
        monolithCapture = capture("monolith", "postgresql", monolithDb, "public.customer");
        serviceCapture = capture("service", "mariadb", serviceDb, serviceDb.database() + ".client");
        monolithApply = apply("monolith", monolithDb);
        serviceApply = apply("service", serviceDb);
        sync = startSync(stateDir);

        // Then: the populated monolith is copied to the empty service
        await().atMost(QUIESCENCE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(rows(serviceDb, "client", "full_name", 0)).hasSize(KEYS / 2)
                        .isEqualTo(rows(monolithDb, "customer", "name", 0)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldConvergeBothDatabasesUnderOverlappingWritersAndProcessorRestarts(long seed, int run) throws Exception {
        LOGGER.info("SyncEndToEndIT run {} seed {} (replay with -Dsync.it.seed={})", run, seed, seed);
        try {
            run(new Random(seed), run);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("end-to-end sync failed with seed " + seed + " (replay with -Dsync.it.seed=" + seed
                    + "): " + e.getMessage(), e);
        }
    }

    private void run(Random random, int run) throws Exception {
        long base = 100L * run;
        lastWriter.clear();
        lastWriteValue.clear();
        boolean rebalance = run % 2 == 0;
        SyncApp second = null;

        // When: writers on both sides hit overlapping keys while capture, sync and apply are restarted; on every
        // other run a second sync instance joins (same application.id) and the first one is stopped: a rebalance
        for (int round = 0; round < 200; round++) {
            long id = base + 1 + random.nextInt(KEYS);
            write(random.nextBoolean() ? Side.MONOLITH : Side.SERVICE, id, random, run + "-" + round);
            if (round == 60) {
                serviceCapture.close();
                running.remove(serviceCapture);
                serviceCapture = capture("service", "mariadb", serviceDb, serviceDb.database() + ".client");
            }
            if (round == 80 && rebalance) {
                second = startSync(stateDir.resolveSibling(stateDir.getFileName() + "-second-" + run));
            }
            if (round == 100) {
                sync.close();
                sync = rebalance ? second : startSync(stateDir);
            }
            if (round == 150) {
                monolithApply.close();
                running.remove(monolithApply);
                monolithApply = apply("monolith", monolithDb);
            }
        }

        // Then: after quiescence both tables are identical, stay so, and nothing was dead-lettered
        await().atMost(QUIESCENCE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(rows(serviceDb, "client", "full_name", base))
                        .isEqualTo(rows(monolithDb, "customer", "name", base)));
        Map<Long, String> settled = rows(monolithDb, "customer", "name", base);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(rows(monolithDb, "customer", "name", base)).isEqualTo(settled);
            assertThat(rows(serviceDb, "client", "full_name", base)).isEqualTo(settled);
        });
        assertThat(deadLetters()).isZero();

        // And: under the monolith-priority strategy, a row whose last write was on the monolith holds that write
        // (capture tags every change with its origin, so a monolith delete is never taken for the sync's echo)
        List<String> offOracle = new ArrayList<>();
        lastWriter.forEach((id, side) -> {
            if (side == Side.MONOLITH && !java.util.Objects.equals(settled.get(id), lastWriteValue.get(id))) {
                offOracle.add("row " + id + ": holds " + settled.get(id) + ", monolith last wrote " + lastWriteValue.get(id));
            }
        });
        assertThat(offOracle).as("rows off the priority oracle").isEmpty();

        // And: the monolith's changes were all read in their row's partition (capture placed them there); the
        // service's topic has fewer partitions than the sync, so most of its changes took the re-key hop
        assertThat(metric("rekeyed-total", Map.of("side", "monolith"))).isZero();
        assertThat(metric("rekeyed-total", Map.of("side", "service"))).isPositive();
        LOGGER.info("Run {} converged on {} rows (rebalance: {}); sync metrics: conflicts {}, echoes suppressed {},"
                + " applies {}; conflict events since the previous run by kind {}", run, settled.size(), rebalance,
                metric("conflicts-total"), metric("echoes-suppressed-total"), metric("applies-total"), conflictKinds());
    }

    private SyncApp startSync(Path stateDirectory) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("schema.registry.url", registry.url());
        config.put("strangler.topic.prefix", prefix);
        config.put("application.id", prefix + "-sync");
        // static membership: an instance is its state directory, so a restart on it takes its tasks back at once
        config.put("sync.instance.id", prefix + "-" + stateDirectory.getFileName());
        config.put("sync.state.dir", stateDirectory.toString());
        config.put("sync.replication.factor", "1");
        config.put("monolith.database.url", monolithDb.jdbcUrl());
        config.put("monolith.database.user", monolithDb.user());
        config.put("service.database.url", serviceDb.jdbcUrl());
        config.put("service.database.user", serviceDb.user());
        config.put("streams.consumer.auto.offset.reset", "earliest");
        config.put("sync.partitions", Integer.toString(SYNC_PARTITIONS));
        // a restarted instance joins as a new member: the old one must time out of the group quickly
        config.put("streams.consumer.session.timeout.ms", "6000");
        config.put("streams.consumer.heartbeat.interval.ms", "1000");
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
        running.add(sink);
        sink.start();
        return sink;
    }

    /**
     * One local write: insert (as an upsert, since the sync may create the row meanwhile) when the row is missing, else
     * update (3 in 4) or delete. A write that found no row (the sync deleted it meanwhile) did not happen.
     */
    private void write(Side side, long id, Random random, String round) throws SQLException {
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
        return metric(name, Map.of());
    }

    private double metric(String name, Map<String, String> tags) {
        return sync.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name)
                        && e.getKey().tags().entrySet().containsAll(tags.entrySet()))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    /** Logical rows of a table in the key range of one run: id → name|email. */
    private static Map<Long, String> rows(TestDatabase db, String table, String nameColumn, long base)
            throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, " + nameColumn + ", email FROM " + table
                        + " WHERE id > " + base + " AND id <= " + (base + KEYS))) {
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
