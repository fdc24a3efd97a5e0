package io.strangler.sync;

import io.strangler.core.config.ConfigDefs;
import io.strangler.core.config.DatabaseConfig;
import io.strangler.core.config.StaticMembership;
import io.strangler.sync.internal.ThreadFailureBudget;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.topic.TopicNames;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the sync processor: the common settings, the two databases (read once at start-up for their
 * catalogues, to resolve the mappings) and the sync's own keys. Keys starting with {@value #STREAMS_PREFIX} are passed
 * to Kafka Streams with the prefix removed, after the ones derived here, so they win.
 *
 * <pre>{@code
 * bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8081
 * strangler.mappings.file=mappings.yaml
 * application.id=strangler-sync
 * monolith.database.url=jdbc:postgresql://localhost:5432/shop
 * monolith.database.user=strangler
 * service.database.url=jdbc:mariadb://localhost:3306/orders
 * service.database.user=strangler
 * sync.tombstone.retention.ms=3600000
 * streams.num.standby.replicas=1
 * }</pre>
 */
public final class SyncConfig extends StranglerConfig {

    public static final String APPLICATION_ID = "application.id";
    public static final String INSTANCE_ID = "sync.instance.id";
    /** The {@value #INSTANCE_ID} value that turns static membership off. */
    public static final String DYNAMIC_MEMBERSHIP = StaticMembership.DYNAMIC;
    public static final String MONOLITH_SOURCE = "sync.monolith.source";
    public static final String SERVICE_SOURCE = "sync.service.source";
    public static final String PROCESSING_GUARANTEE = "sync.processing.guarantee";
    public static final String COMMIT_INTERVAL_MS = "sync.commit.interval.ms";
    public static final String NUM_STREAM_THREADS = "sync.num.stream.threads";
    public static final String STATE_DIR = "sync.state.dir";
    public static final String REPLICATION_FACTOR = "sync.replication.factor";
    public static final String PARTITIONS = "sync.partitions";
    public static final String TOMBSTONE_RETENTION_MS = "sync.tombstone.retention.ms";
    public static final String PENDING_EXPIRY_MS = "sync.pending.expiry.ms";
    public static final String ECHO_CLOCK_TOLERANCE_MS = "sync.echo.clock.tolerance.ms";
    public static final String PUNCTUATE_INTERVAL_MS = "sync.punctuate.interval.ms";
    public static final String THREAD_FAILURES_MAX = "sync.thread.failures.max";
    public static final String THREAD_FAILURES_WINDOW_MS = "sync.thread.failures.window.ms";
    public static final String MONOLITH_DATABASE_PREFIX = "monolith.database.";
    public static final String SERVICE_DATABASE_PREFIX = "service.database.";
    public static final String STREAMS_PREFIX = "streams.";

    private static final ConfigDef OWN = StaticMembership.define(new ConfigDef(), INSTANCE_ID)
            .define(APPLICATION_ID, Type.STRING, "strangler-sync", ConfigDefs.nonBlank(), Importance.HIGH,
                    "Kafka Streams application id: the consumer group and the prefix of the internal topics and state."
                            + " Every instance of one sync uses the same id; start more instances to scale out.")
            .define(MONOLITH_SOURCE, Type.STRING, "monolith", ConfigDefs.nonBlank(), Importance.HIGH,
                    "Capture source name of the monolith: the sync reads strangler.cdc.<source>.* and writes"
                            + " strangler.apply.<source>.")
            .define(SERVICE_SOURCE, Type.STRING, "service", ConfigDefs.nonBlank(), Importance.HIGH,
                    "Capture source name of the service, as for sync.monolith.source.")
            .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                    ConfigDef.ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                    Importance.MEDIUM, "Kafka Streams processing guarantee. exactly_once_v2 commits the store and the"
                            + " emitted apply commands atomically; at_least_once may re-send commands after a crash"
                            + " (the apply sink is idempotent, but conflicts may be reported twice).")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 100L, ConfigDefs.atLeast(1), Importance.MEDIUM,
                    "How often Kafka Streams commits (ms). With exactly-once, apply commands become visible to the"
                            + " apply sink only at commit, so this bounds the added latency.")
            .define(NUM_STREAM_THREADS, Type.INT, 1, ConfigDefs.atLeast(1), Importance.MEDIUM,
                    "Stream threads per instance.")
            .define(STATE_DIR, Type.STRING, null, ConfigDefs.optionalNonBlank(), Importance.MEDIUM,
                    "Directory of the RocksDB state. Unset means Kafka Streams' default (java.io.tmpdir/kafka-streams).")
            .define(PARTITIONS, Type.INT, 1, ConfigDefs.atLeast(1), Importance.HIGH,
                    "Partitions of the sync's re-key topic <application.id>-rekeyed, and so how many tasks (instances"
                            + " x threads) can share the work. Set it to the cdc topics' partition count"
                            + " (strangler.topic.partitions of capture): capture puts a row's changes in the partition"
                            + " the sync processes the row in, and only changes found elsewhere take the extra hop"
                            + " through the re-key topic. Fixed once the topic exists: the sync refuses to start when"
                            + " they differ.")
            .define(REPLICATION_FACTOR, Type.INT, -1, Importance.LOW,
                    "Replication factor of the re-key topic and the internal changelog topics; -1 uses the broker"
                            + " default.")
            .define(TOMBSTONE_RETENTION_MS, Type.LONG, 3_600_000L, ConfigDefs.atLeast(0), Importance.MEDIUM,
                    "How long a deleted row is remembered once both sides hold the deletion (ms).")
            .define(PENDING_EXPIRY_MS, Type.LONG, 600_000L, ConfigDefs.atLeast(1), Importance.MEDIUM,
                    "How long the echo of an apply command is awaited before it is taken as lost (ms). Must exceed"
                            + " the worst apply-plus-capture lag: a later echo is judged as a change of that side.")
            .define(ECHO_CLOCK_TOLERANCE_MS, Type.LONG, 1_000L, ConfigDefs.atLeast(0), Importance.LOW,
                    "How far a database clock may be behind the sync's (ms): a change committed before an apply was"
                            + " sent, by more than this, is never taken for that apply's echo.")
            .define(PUNCTUATE_INTERVAL_MS, Type.LONG, 60_000L, ConfigDefs.atLeast(1), Importance.LOW,
                    "How often deletions past their retention are removed and the store size is measured (ms).")
            .define(THREAD_FAILURES_MAX, Type.INT, 3, ConfigDefs.atLeast(0), Importance.LOW,
                    "How many times a stream thread that died of an unexpected error (not a record the sync cannot"
                            + " process: those go to the dead-letter topic) is replaced within"
                            + " sync.thread.failures.window.ms. One more and the sync stops (state FAILED, health 503,"
                            + " exit code 1) instead of retrying the same failure for ever. 0: stop at the first.")
            .define(THREAD_FAILURES_WINDOW_MS, Type.LONG, 600_000L, ConfigDefs.atLeast(1), Importance.LOW,
                    "The window sync.thread.failures.max counts stream-thread failures in (ms).");

    public static final ConfigDef CONFIG_DEF = ConfigDefs.combine(StranglerConfig.configDef(),
            DatabaseConfig.configDef(MONOLITH_DATABASE_PREFIX), DatabaseConfig.configDef(SERVICE_DATABASE_PREFIX), OWN);

    public SyncConfig(Map<?, ?> values) {
        super(CONFIG_DEF, values);
    }

    /** The sync's own keys only (for the configuration reference). */
    public static ConfigDef ownConfigDef() {
        return new ConfigDef(OWN);
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    /** The static member name ({@value #INSTANCE_ID}, else the host name), or empty for dynamic membership. */
    public Optional<String> instanceId() {
        return StaticMembership.instanceId(INSTANCE_ID, getString(INSTANCE_ID));
    }

    public DatabaseConfig monolithDatabase() {
        return DatabaseConfig.from(this, MONOLITH_DATABASE_PREFIX);
    }

    public DatabaseConfig serviceDatabase() {
        return DatabaseConfig.from(this, SERVICE_DATABASE_PREFIX);
    }

    /** Replication factor of the topics the sync creates; -1 for the broker default. */
    public int replicationFactor() {
        return getInt(REPLICATION_FACTOR);
    }

    /** What a stream thread's unexpected death leads to: replaced within the budget, else the sync stops. */
    public ThreadFailureBudget threadFailureBudget() {
        return new ThreadFailureBudget("Sync " + applicationId(), getInt(THREAD_FAILURES_MAX),
                getDuration(THREAD_FAILURES_WINDOW_MS));
    }

    /** The topology's settings. */
    public SyncSettings settings() {
        return new SyncSettings(new TopicNames(topicPrefix()), getString(MONOLITH_SOURCE), getString(SERVICE_SOURCE),
                getDuration(TOMBSTONE_RETENTION_MS), getDuration(PENDING_EXPIRY_MS),
                getDuration(ECHO_CLOCK_TOLERANCE_MS), getDuration(PUNCTUATE_INTERVAL_MS),
                new SyncSettings.Rekey(applicationId() + "-rekeyed", getInt(PARTITIONS)));
    }

    /** The Kafka Streams properties: derived ones, then every {@value #STREAMS_PREFIX} key. */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers()));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, getString(PROCESSING_GUARANTEE));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(NUM_STREAM_THREADS));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, getInt(REPLICATION_FACTOR));
        getPath(STATE_DIR).ifPresent(dir -> props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
        instanceId().ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        props.putAll(originalsWithPrefix(STREAMS_PREFIX));
        return props;
    }
}
