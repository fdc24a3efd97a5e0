package io.strangler.consistency;

import io.strangler.core.config.ConfigDefs;
import io.strangler.core.config.ConfigFiles;
import io.strangler.core.config.DatabaseConfig;
import io.strangler.core.config.StaticMembership;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.mapping.Side;
import io.strangler.core.topic.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Typed configuration of the consistency auditor: the common settings ({@link StranglerConfig}), both databases
 * ({@link DatabaseConfig} under {@code monolith.database.} and {@code service.database.}, read once at start to
 * resolve the mappings) and the auditor's own keys; {@code docs/consistency.md} lists them. Keys starting with
 * {@code streams.} are passed to Kafka Streams with the prefix removed, e.g. {@code streams.commit.interval.ms}.
 *
 * <pre>{@code
 * bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8081
 * strangler.mappings.file=mappings.yaml
 * monolith.database.url=jdbc:postgresql://localhost:5432/shop
 * monolith.database.user=strangler
 * service.database.url=jdbc:postgresql://localhost:5433/orders
 * service.database.user=strangler
 * strangler.consistency.grace.ms=30000
 * strangler.consistency.alert.threshold.percent=99.5
 * }</pre>
 */
public final class ConsistencyConfig extends StranglerConfig {

    public static final String MONOLITH_DATABASE_PREFIX = "monolith.database.";
    public static final String SERVICE_DATABASE_PREFIX = "service.database.";
    public static final String APPLICATION_ID = "strangler.consistency.application.id";
    public static final String INSTANCE_ID = "strangler.consistency.instance.id";
    public static final String ENABLED = "strangler.consistency.enabled";
    public static final String MONOLITH_SOURCE = "strangler.consistency.monolith.source";
    public static final String SERVICE_SOURCE = "strangler.consistency.service.source";
    public static final String GRACE_MS = "strangler.consistency.grace.ms";
    public static final String CHECK_INTERVAL_MS = "strangler.consistency.check.interval.ms";
    public static final String STATUS_INTERVAL_MS = "strangler.consistency.status.interval.ms";
    public static final String ALERT_THRESHOLD_PERCENT = "strangler.consistency.alert.threshold.percent";
    public static final String TOMBSTONE_RETENTION_MS = "strangler.consistency.tombstone.retention.ms";
    public static final String MAX_LAG_WAIT_MS = "strangler.consistency.max.lag.wait.ms";
    public static final String PROCESSING_GUARANTEE = "strangler.consistency.processing.guarantee";
    public static final String STATE_DIR = "strangler.consistency.state.dir";
    public static final String NUM_STREAM_THREADS = "strangler.consistency.num.stream.threads";
    public static final String TOPIC_PARTITIONS = "strangler.consistency.topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "strangler.consistency.topic.replication.factor";
    /** Prefix of keys passed through to Kafka Streams, e.g. {@code streams.commit.interval.ms}. */
    public static final String STREAMS_PREFIX = "streams.";

    private static final String NAME_PART = "[A-Za-z0-9_-]+";

    private static final ConfigDef CONSISTENCY_DEF = StaticMembership.define(new ConfigDef(), INSTANCE_ID)
            .define(APPLICATION_ID, Type.STRING, "strangler-consistency", ConfigDefs.nonBlank(), Importance.MEDIUM,
                    "Kafka Streams application.id: names the consumer group, the internal topics and the state "
                            + "directory. Instances with the same id share the work.")
            .define(ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Read by strangler sync: also run the auditor in the same process, on the same file (its"
                            + " consistency percentage then shows in the status line and on /metrics). The sources"
                            + " default to the sync's sync.monolith.source and sync.service.source. strangler run"
                            + " consistency ignores it.")
            .define(MONOLITH_SOURCE, Type.STRING, "monolith", matching(NAME_PART), Importance.HIGH,
                    "Capture source name of the monolith (its strangler.source.name): the auditor reads "
                            + "<prefix>.cdc.<source>.<schema>.<table> for the monolith's mapped tables.")
            .define(SERVICE_SOURCE, Type.STRING, "service", matching(NAME_PART), Importance.HIGH,
                    "Capture source name of the service.")
            .define(GRACE_MS, Type.LONG, 30_000L, ConfigDef.Range.between(0, 7 * 24 * 3_600_000L), Importance.HIGH,
                    "How long a row may disagree before it is reported as a discrepancy. Longer than the sync's "
                            + "worst normal lag, so that changes in flight are not reported.")
            .define(CHECK_INTERVAL_MS, Type.LONG, 1_000L, ConfigDef.Range.between(10, 3_600_000), Importance.LOW,
                    "How often (wall clock) disagreeing rows are checked against the grace period; a discrepancy "
                            + "is reported at most this long after its grace period expired.")
            .define(STATUS_INTERVAL_MS, Type.LONG, 10_000L, ConfigDef.Range.between(100, 3_600_000), Importance.MEDIUM,
                    "How often (wall clock) a ConsistencyStatus event is written to <prefix>.consistency.status.")
            .define(ALERT_THRESHOLD_PERCENT, Type.DOUBLE, 99.0, ConfigDef.Range.between(0, 100), Importance.HIGH,
                    "An alert is raised (status flag, WARN log line, alert metric = 1) while the overall consistency "
                            + "percentage is below this, and cleared when it recovers.")
            .define(TOMBSTONE_RETENTION_MS, Type.LONG, 3_600_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How long a row deleted on both sides is kept in the store before it is forgotten (a late "
                            + "change of the row within this time is still compared with the deletion).")
            .define(MAX_LAG_WAIT_MS, Type.LONG, 600_000L, ConfigDef.Range.between(0, 7 * 24 * 3_600_000L),
                    Importance.MEDIUM, "How long a disagreement whose grace has passed waits for a lagging side to catch"
                            + " up before it is reported anyway (ms). A row counts as a discrepancy only once both"
                            + " sides' captures have published the grace period's worth of changes past it (their"
                            + " progress watermarks on <prefix>.capture.<source>.progress), so a slow capture makes the"
                            + " auditor wait instead of raising false discrepancies; a capture that is stuck for"
                            + " longer than this no longer holds reports back.")
            .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                    ConfigDef.ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE),
                    Importance.MEDIUM, "Kafka Streams processing.guarantee. exactly_once_v2 commits each OPEN/RESOLVED "
                            + "event atomically with the store change that caused it; at_least_once may repeat or, "
                            + "after a crash, lose a transition event (the counts stay right).")
            .define(STATE_DIR, Type.STRING, null, ConfigDefs.optionalNonBlank(), Importance.MEDIUM,
                    "Directory of the RocksDB stores. Unset: Kafka Streams' default (java.io.tmpdir/kafka-streams).")
            .define(NUM_STREAM_THREADS, Type.INT, 1, ConfigDef.Range.between(1, 64), Importance.LOW,
                    "Stream threads of this instance.")
            .define(TOPIC_PARTITIONS, Type.INT, 1, ConfigDef.Range.between(1, 10_000), Importance.LOW,
                    "Partitions of topics the auditor creates when they are missing at start: the cdc topics it "
                            + "reads (use the capture's strangler.topic.partitions) and the consistency topics.")
            .define(TOPIC_REPLICATION_FACTOR, Type.SHORT, (short) -1, Importance.LOW,
                    "Replication factor of the topics the auditor creates (also of its internal topics); -1 means "
                            + "the broker's default.");

    public static final ConfigDef CONFIG_DEF = ConfigDefs.combine(StranglerConfig.configDef(),
            DatabaseConfig.configDef(MONOLITH_DATABASE_PREFIX), DatabaseConfig.configDef(SERVICE_DATABASE_PREFIX),
            CONSISTENCY_DEF);

    public ConsistencyConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        if (getString(MONOLITH_SOURCE).equals(getString(SERVICE_SOURCE))) {
            throw new ConfigException(SERVICE_SOURCE, getString(SERVICE_SOURCE), "must differ from " + MONOLITH_SOURCE);
        }
        if (mappingsFile().isEmpty()) {
            throw new ConfigException(MAPPINGS_FILE, null, "is required: name the mappings file (YAML) to audit");
        }
    }

    /**
     * Reads a {@code .properties} file (UTF-8).
     *
     * @throws ConfigException starting with the file name and naming the key when a value is missing or invalid
     */
    public static ConsistencyConfig fromProperties(Path file) {
        return ConfigFiles.load(file, ConsistencyConfig::new);
    }

    /** A copy of the auditor's own definitions (without the common and database keys), for the reference docs. */
    public static ConfigDef consistencyDef() {
        return new ConfigDef(CONSISTENCY_DEF);
    }

    public DatabaseConfig database(Side side) {
        return DatabaseConfig.from(this, side == Side.MONOLITH ? MONOLITH_DATABASE_PREFIX : SERVICE_DATABASE_PREFIX);
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    public TopicNames topicNames() {
        return new TopicNames(topicPrefix());
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    public Optional<Short> topicReplicationFactor() {
        short factor = getShort(TOPIC_REPLICATION_FACTOR);
        return factor < 0 ? Optional.empty() : Optional.of(factor);
    }

    /** The topology's settings from these keys. */
    public ConsistencySettings settings() {
        return new ConsistencySettings(topicNames(), getString(MONOLITH_SOURCE), getString(SERVICE_SOURCE),
                getDuration(GRACE_MS), getDuration(CHECK_INTERVAL_MS), getDuration(STATUS_INTERVAL_MS),
                getDouble(ALERT_THRESHOLD_PERCENT), getDuration(TOMBSTONE_RETENTION_MS), getDuration(MAX_LAG_WAIT_MS));
    }

    /** Kafka Streams properties: the auditor's keys first, then every {@code streams.*} key (prefix removed). */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers()));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, getString(PROCESSING_GUARANTEE).toLowerCase(Locale.ROOT));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(NUM_STREAM_THREADS));
        getPath(STATE_DIR).ifPresent(dir -> props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString()));
        topicReplicationFactor().ifPresent(factor -> props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) factor));
        StaticMembership.instanceId(INSTANCE_ID, getString(INSTANCE_ID))
                .ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        props.putAll(originalsWithPrefix(STREAMS_PREFIX));
        return props;
    }

    private static ConfigDef.Validator matching(String regex) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || !value.toString().matches(regex)) {
                throw new ConfigException(name, value, "must be ASCII letters, digits, '_' or '-'");
            }
        }, () -> "ASCII letters, digits, '_' or '-'");
    }
}
