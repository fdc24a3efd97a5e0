package io.strangler.consistency;

import io.strangler.core.catalog.Catalog;
import io.strangler.core.catalog.CatalogReader;
import io.strangler.core.config.DatabaseConfig;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.MappingValidator;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.topic.TopicCreator;
import io.strangler.consistency.internal.MappingIndex;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the consistency auditor: resolves the mappings against both databases' catalogues, creates missing topics,
 * and starts Kafka Streams on {@link ConsistencyTopology}.
 *
 * <pre>{@code
 * try (ConsistencyAuditor auditor = ConsistencyAuditor.start(ConsistencyConfig.fromProperties(file))) {
 *     auditor.awaitRunning(Duration.ofSeconds(60));
 *     ...
 * }
 * }</pre>
 *
 * The processing guarantee defaults to exactly_once_v2: an OPEN or RESOLVED event is a state transition, so it is
 * committed atomically with the store change that caused it; under at_least_once a crash between the changelog write
 * and the event could replay into a state that has already moved, and the event would never be written.
 */
public final class ConsistencyAuditor implements AutoCloseable {

    /** The auditor's lifecycle. */
    public enum State { STARTING, RUNNING, REBALANCING, FAILED, STOPPED }

    private static final Logger LOGGER = LoggerFactory.getLogger(ConsistencyAuditor.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

    private ConsistencyAuditor(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Resolves the configured mappings against both databases, then starts. */
    public static ConsistencyAuditor start(ConsistencyConfig config) {
        return start(config, resolveMappings(config));
    }

    /** Starts on already resolved mappings (the databases are not contacted). */
    public static ConsistencyAuditor start(ConsistencyConfig config, List<ResolvedMapping> mappings) {
        ConsistencySettings settings = config.settings();
        SchemaRegistryClient registry = RestSchemaRegistryClient.create(config.schemaRegistryUrl().toString(),
                config.schemaRegistryBasicAuthUserInfo().map(password -> password.value()).orElse(null));
        Topology topology = ConsistencyTopology.build(settings, mappings, ConsistencySerdes.avro(registry));
        List<String> topics = new ArrayList<>(new MappingIndex(settings, mappings).topics());
        topics.add(settings.topicNames().consistencyDiscrepancies());
        topics.add(settings.topicNames().consistencyStatus());
        createMissingTopics(config, topics);
        createProgressTopics(config, settings);

        KafkaStreams streams = new KafkaStreams(topology, config.streamsProperties());
        ConsistencyAuditor auditor = new ConsistencyAuditor(streams);
        streams.setStateListener((newState, oldState) -> auditor.onStreamsState(newState));
        streams.setUncaughtExceptionHandler(exception -> {
            LOGGER.error("The consistency auditor stopped on an unexpected error", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        LOGGER.info("Starting the consistency auditor {} on {} mappings ({}), grace {}, threshold {}%",
                config.applicationId(), mappings.size(), mappings.stream().map(ResolvedMapping::name).toList(),
                settings.grace(), settings.alertThresholdPercent());
        streams.start();
        return auditor;
    }

    /**
     * Loads the mappings file and checks it against both databases' catalogues.
     *
     * @throws io.strangler.core.mapping.MappingException naming the mapping and field when a mapping does not fit
     * @throws ConfigException naming the database when its catalogue cannot be read
     */
    public static List<ResolvedMapping> resolveMappings(ConsistencyConfig config) {
        Mappings mappings = config.loadMappings();
        Catalog monolith = catalog(config, Side.MONOLITH, mappings);
        Catalog service = catalog(config, Side.SERVICE, mappings);
        return MappingValidator.validateOrThrow(mappings, monolith, service);
    }

    public State state() {
        return state.get();
    }

    /**
     * Waits until Kafka Streams is running.
     *
     * @throws TimeoutException when it is not running within {@code timeout}
     * @throws IllegalStateException when it failed
     */
    public void awaitRunning(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state.get() != State.RUNNING) {
            if (state.get() == State.FAILED || state.get() == State.STOPPED) {
                throw new IllegalStateException("the consistency auditor is " + state.get());
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the consistency auditor is not running after " + timeout + " (" + state.get() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** Kafka Streams' metrics, the auditor's gauges ({@code strangler-consistency-metrics}) included. */
    public Map<MetricName, ? extends Metric> metrics() {
        return streams.metrics();
    }

    /**
     * The current value of one of the auditor's gauges: consistency-percent, alert, open-discrepancies, rows-tracked;
     * empty before the first status (consistency-percent is NaN until then).
     */
    public Optional<Double> gauge(String name) {
        return streams.metrics().entrySet().stream()
                .filter(entry -> entry.getKey().group().equals("strangler-consistency-metrics")
                        && entry.getKey().name().equals(name))
                .map(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
                .filter(value -> !value.isNaN())
                .findFirst();
    }

    @Override
    public void close() {
        if (state.getAndSet(State.STOPPED) != State.STOPPED) {
            // Kafka Streams does not leave the group on close, so a restarted instance gets its tasks back after the
            // old member's session timeout (streams.consumer.session.timeout.ms, 45 s by default).
            streams.close(CLOSE_TIMEOUT);
            LOGGER.info("Consistency auditor stopped");
        }
    }

    private void onStreamsState(KafkaStreams.State streamsState) {
        State next = switch (streamsState) {
            case RUNNING -> State.RUNNING;
            case REBALANCING -> State.REBALANCING;
            case ERROR -> State.FAILED;
            case PENDING_SHUTDOWN, NOT_RUNNING -> State.STOPPED;
            default -> State.STARTING;
        };
        State previous = state.get();
        // STOPPED and FAILED are final: a late RUNNING from a shutting-down client must not revive them
        if (previous != State.STOPPED && previous != State.FAILED && state.compareAndSet(previous, next)) {
            LOGGER.debug("Consistency auditor {} -> {}", previous, next);
        }
    }

    private static Catalog catalog(ConsistencyConfig config, Side side, Mappings mappings) {
        DatabaseConfig database = config.database(side);
        List<String> schemas = mappings.mappings().stream().map(mapping -> mapping.table(side).schema()).distinct()
                .toList();
        try (Connection connection = database.connect()) {
            return CatalogReader.read(connection, schemas);
        }
        catch (SQLException e) {
            String prefix = side == Side.MONOLITH ? ConsistencyConfig.MONOLITH_DATABASE_PREFIX
                    : ConsistencyConfig.SERVICE_DATABASE_PREFIX;
            throw new ConfigException(prefix + DatabaseConfig.URL, database.url(), "cannot read the " + side.label()
                    + "'s catalogue (schemas " + schemas + "): " + e.getMessage());
        }
    }

    /**
     * The captures' progress topics are read as global stores, which must exist at start; a capture that has not run
     * yet would create them itself (compacted, one partition), so they are created the same way here.
     */
    private static void createProgressTopics(ConsistencyConfig config, ConsistencySettings settings) {
        try (TopicCreator creator = new TopicCreator(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", config.bootstrapServers())), 1, config.topicReplicationFactor().orElse((short) -1))) {
            for (String source : List.of(settings.monolithSource(), settings.serviceSource())) {
                creator.ensure(settings.topicNames().captureProgress(source), 1, Map.of("cleanup.policy", "compact"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the capture progress topics", e);
        }
    }

    private static void createMissingTopics(ConsistencyConfig config, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", config.bootstrapServers())))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().distinct().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.of(config.topicPartitions()),
                            config.topicReplicationFactor()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOGGER.info("Created missing topics {}", missing.stream().map(NewTopic::name).toList());
            }
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create the auditor's topics on " + config.bootstrapServers()
                        + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not answer within 30 s", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
