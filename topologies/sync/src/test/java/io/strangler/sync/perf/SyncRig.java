package io.strangler.sync.perf;

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
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.TopicNames;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedKafka;
import io.strangler.sync.SyncApp;
import io.strangler.sync.SyncConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bi-directional sync wired as in {@code SyncEndToEndIT}: a capture per side, the sync (Kafka Streams,
 * exactly_once_v2) and an apply sink per side, on table {@code public.bench} of both databases, strategy priority
 * (monolith). Topics are created up front with {@code message.timestamp.type=LogAppendTime}, so a record's timestamp
 * is when the broker appended it (used by {@link StageProbe}).
 */
final class SyncRig implements AutoCloseable {

    static final String PREFIX = "perfsync";

    private final List<AutoCloseable> running = new ArrayList<>();
    private final SyncApp sync;
    private final TopicNames names = new TopicNames(PREFIX);

    SyncRig(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, DatabaseInfo monolith, DatabaseInfo service,
            Path stateDir, long commitIntervalMs) throws Exception {
        this(kafka, registry, monolith, service, stateDir, commitIntervalMs, List.of(benchMapping()));
    }

    /** The same pipeline over {@code mappings}, each between tables of schema {@code public} of the same name. */
    SyncRig(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, DatabaseInfo monolith, DatabaseInfo service,
            Path stateDir, long commitIntervalMs, List<Mapping> mappings) throws Exception {
        Map<String, String> appendTime = Map.of("message.timestamp.type", "LogAppendTime");
        List<String> tables = mappings.stream().map(m -> m.table(Side.MONOLITH).table()).toList();
        List<String> topics = new ArrayList<>(List.of(names.apply("monolith"), names.apply("service")));
        for (String table : tables) {
            topics.add(names.cdc("monolith", "public", table));
            topics.add(names.cdc("service", "public", table));
        }
        for (String topic : topics) {
            kafka.createTopic(topic, 3, appendTime);
        }
        kafka.createTopic(names.syncConflicts(), 1, Map.of());
        kafka.createTopic(names.syncDlq(), 1, Map.of());
        try {
            capture(kafka, registry, "monolith", monolith, tables);
            capture(kafka, registry, "service", service, tables);
            apply(kafka, registry, "monolith", monolith);
            apply(kafka, registry, "service", service);
            Map<String, Object> config = new HashMap<>();
            config.put("bootstrap.servers", kafka.bootstrapServers());
            config.put("schema.registry.url", registry.url());
            config.put("strangler.topic.prefix", PREFIX);
            config.put("application.id", PREFIX + "-sync");
            config.put("sync.instance.id", "dynamic");
            config.put(SyncConfig.STATE_DIR, stateDir.toString());
            config.put(SyncConfig.REPLICATION_FACTOR, "1");
            config.put(SyncConfig.COMMIT_INTERVAL_MS, Long.toString(commitIntervalMs));
            config.put("monolith.database.url", monolith.jdbcUrl());
            config.put("monolith.database.user", monolith.user());
            config.put("monolith.database.password", monolith.password());
            config.put("service.database.url", service.jdbcUrl());
            config.put("service.database.user", service.user());
            config.put("service.database.password", service.password());
            config.put("streams.consumer.auto.offset.reset", "earliest");
            // the cdc topics' count: every change is processed where it is read (-Dsync.sync.partitions=2 sends most
            // of them through the re-key topic instead, as the sync did before it placed rows by key values)
            config.put(SyncConfig.PARTITIONS, "3");
            // experiments: -Dsync.<key>=<value> sets any sync key, e.g. -Dsync.streams.consumer.fetch.max.wait.ms=5
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("sync."))
                    .forEach(k -> config.put(k.substring("sync.".length()), System.getProperty(k)));
            sync = new SyncApp(new SyncConfig(config), resolved(mappings, monolith, service),
                    RestSchemaRegistryClient.create(registry.url()));
            sync.start();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    String cdcTopic(Side side) {
        return names.cdc(side.label(), "public", "bench");
    }

    String applyTopic(Side target) {
        return names.apply(target.label());
    }

    /** Conflicts the sync detected so far (its {@code conflicts-total} metric). */
    double conflicts() {
        return metric("conflicts-total");
    }

    double metric(String name) {
        return sync.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    /**
     * Where the stream thread spends its time (Kafka Streams' {@code stream-thread-metrics}, recent window): the
     * share of wall time in poll, process, commit and punctuate, and the commit and poll latencies.
     */
    Map<String, Object> streamThread() {
        List<String> names = List.of("poll-ratio", "process-ratio", "commit-ratio", "punctuate-ratio",
                "commit-latency-avg", "commit-latency-max", "poll-latency-avg", "poll-records-avg",
                "process-records-avg", "blocked-time-ns-total");
        Map<String, Object> out = new java.util.TreeMap<>();
        sync.metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && names.contains(name.name())
                    && metric.metricValue() instanceof Number value) {
                out.merge(name.name(), Math.round(value.doubleValue() * 1000) / 1000.0,
                        (a, b) -> (Double) a + (Double) b);
            }
        });
        return out;
    }

    String state() {
        return sync.state() + "/" + sync.streamsState();
    }

    private static Mapping benchMapping() {
        return new Mapping("bench", new TableRef("public", "bench"), new TableRef("public", "bench"),
                List.of("id"), Map.of(), List.of(), List.of(), List.of(), List.of(), Direction.BOTH,
                new ConflictStrategy.Priority(Side.MONOLITH));
    }

    private static List<ResolvedMapping> resolved(List<Mapping> mappings, DatabaseInfo monolith, DatabaseInfo service)
            throws SQLException {
        try (Connection m = monolith.connect(); Connection s = service.connect()) {
            return MappingValidator.validateOrThrow(new Mappings(mappings), CatalogReader.read(m), CatalogReader.read(s));
        }
    }

    private void capture(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, String source, DatabaseInfo db,
                         List<String> tables) throws InterruptedException {
        Map<String, String> props = new HashMap<>();
        props.put(CaptureConfig.SOURCE_NAME, source);
        props.put(CaptureConfig.ENGINE, "postgresql");
        props.put(CaptureConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(CaptureConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(CaptureConfig.TOPIC_PREFIX, PREFIX);
        props.put(CaptureConfig.METRICS_JMX_ENABLED, "false");
        props.put("database.hostname", db.host());
        props.put("database.port", Integer.toString(db.port()));
        props.put("database.user", db.user());
        props.put("database.password", db.password());
        props.put("database.dbname", db.database());
        props.put("table.include.list", String.join(",", tables.stream().map(t -> "public." + t).toList()));
        props.put("slot.name", PREFIX + "_" + source);
        props.put("publication.name", PREFIX + "_" + source);
        CaptureProcessor capture = new CaptureProcessor(new CaptureConfig(props));
        running.add(capture);
        capture.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (capture.state() != CaptureState.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("capture of " + source + " not RUNNING after 2 min: " + capture.state());
            }
            Thread.sleep(50);
        }
    }

    private void apply(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, String target, DatabaseInfo db) {
        Map<String, Object> config = new HashMap<>();
        config.put(ApplySinkConfig.TARGET, target);
        config.put(ApplySinkConfig.JDBC_URL, db.jdbcUrl());
        config.put(ApplySinkConfig.JDBC_USER, db.user());
        config.put(ApplySinkConfig.JDBC_PASSWORD, db.password());
        config.put(ApplySinkConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        config.put(ApplySinkConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(ApplySinkConfig.TOPIC_PREFIX, PREFIX);
        config.put(ApplySinkConfig.GROUP_ID, PREFIX + "-apply-" + target);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("apply."))
                .forEach(k -> config.put(k.substring("apply.".length()), System.getProperty(k)));
        ApplySink sink = ApplySink.create(new ApplySinkConfig(config));
        running.add(sink);
        sink.start();
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                // closing the rest matters more than this part's failure to close
            }
        }
    }
}
