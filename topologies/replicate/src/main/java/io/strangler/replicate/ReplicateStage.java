package io.strangler.replicate;

import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.topic.TopicCreator;
import io.strangler.core.topic.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ReplicateTopology} as a Kafka Streams application with {@code processing.guarantee=exactly_once_v2}:
 * reading a change, producing its apply command (or dead letter) and committing the input offset are one Kafka
 * transaction, so a restart neither loses nor duplicates a command.
 *
 * <pre>{@code
 * try (ReplicateStage stage = ReplicateStage.create(config, plan, registry)) {
 *     stage.start();                      // creates missing topics, then starts Streams and returns
 *     stage.counters().commands();        // commands produced so far
 * }                                       // close() stops Streams, committing what it processed
 * }</pre>
 */
public final class ReplicateStage implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReplicateStage.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ReplicateStageConfig config;
    private final ReplicatePlan plan;
    private final SchemaRegistryClient registry;
    private final ReplicateCounters counters = new ReplicateCounters();
    private KafkaStreams streams;

    private ReplicateStage(ReplicateStageConfig config, ReplicatePlan plan, SchemaRegistryClient registry) {
        this.config = config;
        this.plan = plan;
        this.registry = registry;
    }

    public static ReplicateStage create(ReplicateStageConfig config, ReplicatePlan plan, SchemaRegistryClient registry) {
        return new ReplicateStage(config, plan, registry);
    }

    /** Creates the stage's topics when missing, then starts Kafka Streams; returns at once. */
    public synchronized void start() {
        if (streams != null) {
            throw new IllegalStateException("replicate stage already started");
        }
        TopicNames names = config.topicNames();
        createMissingTopics(names);
        streams = new KafkaStreams(ReplicateTopology.build(plan, names, registry, counters), streamsProperties());
        streams.setUncaughtExceptionHandler(exception -> {
            // a failed task (e.g. the registry briefly unreachable) is retried by a fresh thread from the last commit
            LOGGER.error("Replicate stage '{}': a stream thread failed, replacing it: {}", config.applicationId(),
                    exception.toString(), exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) ->
                LOGGER.info("Replicate stage '{}': {} -> {}", config.applicationId(), before, now));
        streams.start();
        LOGGER.info("Replicate stage '{}' started: {} mapping(s) from {} ({}) to target '{}', topics {}",
                config.applicationId(), plan.mappings().size(), plan.from().label(), plan.sourceName(), plan.target(),
                plan.sourceTopics(names));
    }

    /** Kafka Streams' state, or CREATED before {@link #start()}. */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    public ReplicateCounters counters() {
        return counters;
    }

    public ReplicatePlan plan() {
        return plan;
    }

    public ReplicateStageConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close(CLOSE_TIMEOUT);
            LOGGER.info("Replicate stage '{}' stopped ({})", config.applicationId(), counters);
        }
    }

    Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.bootstrapServers()));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().map(Path::toString)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "strangler-replicate").toString()));
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // latency: deliver a change as soon as it is read rather than waiting for fuller fetches
        props.put(StreamsConfig.producerPrefix("linger.ms"), 0);
        config.instanceId().ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        props.putAll(config.streamsOverrides());
        return props;
    }

    private void createMissingTopics(TopicNames names) {
        List<String> topics = new ArrayList<>(plan.sourceTopics(names));
        topics.add(names.apply(plan.target()));
        topics.add(names.syncDlq());
        Map<String, Object> clientProps = new HashMap<>(config.streamsOverrides());
        clientProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", config.bootstrapServers()));
        try (TopicCreator creator = new TopicCreator(clientProps, config.topicPartitions(), (short) -1)) {
            for (String topic : topics) {
                creator.ensure(topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
