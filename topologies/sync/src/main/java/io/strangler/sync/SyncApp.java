package io.strangler.sync;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.config.DatabaseConfig;
import io.strangler.core.mapping.MappingException;
import io.strangler.core.mapping.MappingValidator;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.topic.TopicCreator;
import io.strangler.sync.internal.KeyImageCheck;
import io.strangler.sync.internal.MappingIndex;
import io.strangler.sync.internal.RekeyTopic;
import io.strangler.sync.internal.ThreadFailureBudget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sync: the topology on Kafka Streams with the configured properties. Scale out by starting more
 * instances with the same {@code application.id}; Kafka Streams spreads the partitions (and their stores) over them
 * and moves them on failure.
 *
 * <pre>{@code
 * try (SyncApp sync = SyncApp.fromConfig(config)) {   // reads both catalogues, validates the mappings
 *     sync.start();
 *     ...
 * }
 * }</pre>
 */
public final class SyncApp implements AutoCloseable {

    /** Lifecycle, changed with compare-and-set. */
    public enum State {
        CREATED,
        RUNNING,
        STOPPED
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(SyncApp.class);

    private final SyncConfig config;
    private final List<ResolvedMapping> mappings;
    private final List<String> cdcTopics;
    private final Topology topology;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final ThreadFailureBudget threadFailures;
    private volatile KafkaStreams streams;

    /** A sync for already-resolved mappings (tests, tools); nothing is started yet. */
    public SyncApp(SyncConfig config, List<ResolvedMapping> mappings, SchemaRegistryClient registry) {
        this(config, config.settings(), mappings, registry);
    }

    private SyncApp(SyncConfig config, SyncSettings settings, List<ResolvedMapping> mappings,
            SchemaRegistryClient registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.mappings = List.copyOf(mappings);
        this.cdcTopics = new MappingIndex(settings, mappings).topics();
        this.topology = SyncTopology.build(settings, mappings, SyncSerdes.avro(registry));
        this.threadFailures = config.threadFailureBudget();
    }

    /**
     * Loads the mappings file, reads both databases' catalogues, validates the mappings against them and connects to
     * the configured schema registry.
     *
     * @throws io.strangler.core.mapping.MappingException listing every problem of the mappings
     * @throws SQLException when a catalogue cannot be read
     */
    public static SyncApp fromConfig(SyncConfig config) throws SQLException {
        Catalog monolith;
        Catalog service;
        List<ResolvedMapping> mappings;
        // one connection per database, for its catalogue and for the check that its deletes log the logical keys
        try (Connection monolithDb = connect(config.monolithDatabase(), SyncConfig.MONOLITH_DATABASE_PREFIX);
             Connection serviceDb = connect(config.serviceDatabase(), SyncConfig.SERVICE_DATABASE_PREFIX)) {
            monolith = CatalogReader.read(monolithDb);
            service = CatalogReader.read(serviceDb);
            mappings = MappingValidator.validateOrThrow(config.loadMappings(), monolith, service);
            List<String> keyProblems = new ArrayList<>(
                    KeyImageCheck.problems(monolithDb, monolith, Side.MONOLITH, mappings));
            keyProblems.addAll(KeyImageCheck.problems(serviceDb, service, Side.SERVICE, mappings));
            if (!keyProblems.isEmpty()) {
                throw new MappingException(null, keyProblems.size() + (keyProblems.size() == 1 ? " error" : " errors")
                        + ":\n  " + String.join("\n  ", keyProblems));
            }
        }
        String userInfo = config.schemaRegistryBasicAuthUserInfo().map(p -> p.value()).orElse(null);
        SchemaRegistryClient registry = RestSchemaRegistryClient.create(config.schemaRegistryUrl().toString(), userInfo);
        // last-write-wins compares commit times at the precision each engine stamps them with
        CommitPrecision precision = CommitPrecision.of(monolith.engine(), service.engine());
        LOGGER.info("Sync {} resolved {} mapping(s): {}; commit-time precision monolith {}, service {}",
                config.applicationId(), mappings.size(), mappings.stream().map(ResolvedMapping::name).toList(),
                precision.monolith(), precision.service());
        return new SyncApp(config, config.settings().withCommitPrecision(precision), mappings, registry);
    }

    /** A connection to the database; one that cannot be reached is a {@link ConfigException} naming its key. */
    private static Connection connect(DatabaseConfig database, String prefix) {
        try {
            return database.connect();
        } catch (SQLException e) {
            throw new ConfigException(prefix + DatabaseConfig.URL, database.url(), "cannot connect as " + database.user()
                    + ": " + e.getMessage());
        }
    }

    /** The mappings this sync runs, as resolved against both databases. */
    public List<ResolvedMapping> mappings() {
        return mappings;
    }

    public SyncConfig config() {
        return config;
    }

    public Topology topology() {
        return topology;
    }

    /**
     * Creates the re-key topic if needed, then starts Kafka Streams; a stream thread that dies of an unexpected error
     * is replaced, up to {@code sync.thread.failures.max} times within its window, and then the sync stops in ERROR
     * ({@link ThreadFailureBudget}).
     *
     * @throws IllegalStateException when the re-key topic has another partition count than {@code sync.partitions},
     *                               or cannot be created
     */
    public void start() {
        if (!state.compareAndSet(State.CREATED, State.RUNNING)) {
            throw new IllegalStateException("the sync was already started (state " + state.get() + ")");
        }
        Properties properties = config.streamsProperties();
        try {
            createMissingTopics(properties);
            RekeyTopic.prepare(properties, config.settings().rekey(), config.replicationFactor(), cdcTopics);
        } catch (RuntimeException e) {
            state.set(State.STOPPED);
            throw e;
        }
        KafkaStreams created = new KafkaStreams(topology, properties);
        created.setUncaughtExceptionHandler(threadFailures);
        created.setStateListener((next, previous) -> LOGGER.info("Sync {} state {} -> {}", config.applicationId(),
                previous, next));
        streams = created;
        created.start();
    }

    /**
     * Every topic the sync reads or writes, created when missing: on a migration's first day the service's tables are
     * empty and capture creates a cdc topic only at its table's first change, so without this the stream thread would
     * die of a missing source topic until then. New cdc topics get {@code sync.partitions} partitions, so that the
     * changes capture writes later need no re-key hop.
     */
    private void createMissingTopics(Properties properties) {
        Map<String, Object> client = new java.util.HashMap<>();
        properties.stringPropertyNames().forEach(key -> client.put(key, properties.get(key)));
        SyncSettings settings = config.settings();
        List<String> topics = new ArrayList<>(cdcTopics);
        topics.add(settings.topicNames().apply(settings.monolithSource()));
        topics.add(settings.topicNames().apply(settings.serviceSource()));
        topics.add(settings.topicNames().syncConflicts());
        topics.add(settings.topicNames().syncDlq());
        try (TopicCreator creator = new TopicCreator(client, settings.rekey().partitions(),
                (short) config.replicationFactor())) {
            for (String topic : topics) {
                creator.ensure(topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the sync's topics", e);
        }
    }

    public State state() {
        return state.get();
    }

    /** The last error a stream thread died of, or null. */
    public String lastError() {
        return threadFailures.lastError();
    }

    /** Kafka Streams' state, or null before {@link #start()}. */
    public KafkaStreams.State streamsState() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    /** Kafka Streams' metrics, including the sync's own (group {@code strangler-sync}). */
    public Map<MetricName, ? extends Metric> metrics() {
        KafkaStreams current = streams;
        return current == null ? Map.of() : current.metrics();
    }

    /** Stops within {@code timeout}; returns whether Kafka Streams shut down cleanly in time. */
    public boolean close(Duration timeout) {
        if (state.getAndSet(State.STOPPED) != State.RUNNING) {
            return true;
        }
        boolean clean = streams.close(timeout);
        LOGGER.info("Sync {} stopped{}", config.applicationId(), clean ? "" : " (timed out)");
        return clean;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
