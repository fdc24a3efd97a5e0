package io.strangler.capture;

import io.strangler.core.config.UnknownKeys;
import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.core.topic.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration of one {@link CaptureProcessor}: the {@code strangler.*} keys below, plus every other key passed
 * unchanged to Debezium (connector and engine keys such as {@code database.hostname}, {@code table.include.list},
 * {@code snapshot.mode}). Capture sets Debezium defaults that its guarantees rely on; see {@code docs/capture.md}.
 *
 * <p>Example ({@code connectors/capture/examples/monolith-postgresql.properties}):
 * <pre>
 * strangler.source.name=monolith
 * strangler.engine=postgresql
 * bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8081
 * database.hostname=localhost
 * database.port=5432
 * database.user=strangler
 * database.password=secret
 * database.dbname=shop
 * table.include.list=public.orders,public.order_items
 * </pre>
 */
public final class CaptureConfig extends AbstractConfig {

    private static final Logger LOGGER = LoggerFactory.getLogger(CaptureConfig.class);

    /** Prefix of Strangler's own keys; every other key belongs to Debezium. */
    public static final String PREFIX = "strangler.";
    /** Keys under this prefix (minus the prefix) configure Strangler's Kafka producer and admin clients. */
    public static final String KAFKA_PREFIX = "strangler.kafka.";

    public static final String SOURCE_NAME = "strangler.source.name";
    public static final String ENGINE = "strangler.engine";
    public static final String TOPIC_PREFIX = "strangler.topic.prefix";
    public static final String TOPIC_PARTITIONS = "strangler.topic.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "strangler.topic.replication.factor";
    /** The same key as in every other processor ({@link io.strangler.core.config.StranglerConfig}). */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Names of the two keys before every processor shared one key family; still read, with a warning. */
    static final Map<String, String> LEGACY_KEYS = Map.of(
            "strangler.kafka.bootstrap.servers", BOOTSTRAP_SERVERS,
            "strangler.schema.registry.url", SCHEMA_REGISTRY_URL);
    public static final String TOAST_POLICY = "strangler.toast.policy";
    public static final String DLQ_ENABLED = "strangler.dlq.enabled";
    public static final String HEARTBEAT_INTERVAL_MS = "strangler.heartbeat.interval.ms";
    public static final String RETRY_BACKOFF_INITIAL_MS = "strangler.retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "strangler.retry.backoff.max.ms";
    public static final String PRODUCE_TIMEOUT_MS = "strangler.produce.timeout.ms";
    public static final String OFFSETS_TOPIC = "strangler.offsets.topic";
    public static final String SCHEMA_HISTORY_TOPIC = "strangler.schema.history.topic";
    public static final String METRICS_JMX_ENABLED = "strangler.metrics.jmx.enabled";
    public static final String APPLY_OFFSETS_TABLE = "strangler.apply.offsets.table";
    public static final String TRANSACTION_BUFFER_MAX_CHANGES = "strangler.transaction.buffer.max.changes";

    /** Database engines capture supports. */
    public enum Engine {
        POSTGRESQL, MARIADB;

        public static Engine fromConfig(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SOURCE_NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                    ConfigDef.LambdaValidator.with(CaptureConfig::validateTopicPart,
                            () -> "ASCII letters, digits, '_' or '-'"),
                    Importance.HIGH, "Name of the captured database in topic names and RowChange.source, e.g. "
                            + "'monolith'. ASCII letters, digits, '_' and '-'.")
            .define(ENGINE, Type.STRING, "postgresql",
                    ConfigDef.CaseInsensitiveValidString.in("postgresql", "mariadb"), Importance.HIGH,
                    "Source engine; picks the Debezium connector and its defaults.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Kafka bootstrap servers for change topics, offsets and schema history, as in "
                            + "every processor. strangler.kafka.* keys (e.g. strangler.kafka.security.protocol) are "
                            + "passed to Strangler's producer and admin client without the prefix. The former name "
                            + "strangler.kafka.bootstrap.servers is still read, with a warning.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Schema registry (Confluent REST API) for the Avro values, as in every "
                            + "processor. The former name strangler.schema.registry.url is still read, with a "
                            + "warning.")
            .define(TOPIC_PREFIX, Type.STRING, TopicNames.DEFAULT_PREFIX, ConfigDef.LambdaValidator.with(
                    CaptureConfig::validateTopicPrefix, () -> "dot-separated words of [A-Za-z0-9_-]"),
                    Importance.MEDIUM, "First part of every topic name: <prefix>.cdc.<source>.<schema>.<table>.")
            .define(TOPIC_PARTITIONS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Partitions of the change topics capture creates when they are missing. All changes of one "
                            + "row go to one partition (keyed by the canonical key) whatever the count.")
            .define(TOPIC_REPLICATION_FACTOR, Type.SHORT, (short) -1, ConfigDef.Range.between(-1, 32),
                    Importance.MEDIUM, "Replication factor of topics capture creates; -1 uses the broker default.")
            .define(TOAST_POLICY, Type.STRING, ToastPolicy.MARK.configValue(),
                    ConfigDef.CaseInsensitiveValidString.in("mark", "dlq"), Importance.MEDIUM,
                    "What to do with a value the source log does not carry (PostgreSQL unchanged TOAST under "
                            + "REPLICA IDENTITY DEFAULT): 'mark' writes null and lists the column in "
                            + "unavailableColumns; 'dlq' dead-letters the change. Never written as data. Use "
                            + "REPLICA IDENTITY FULL to avoid both.")
            .define(DLQ_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Send changes that cannot be converted to <prefix>.sync.dlq and keep going. When false such a "
                            + "change stops the processor (state FAILED) without committing its offset.")
            .define(HEARTBEAT_INTERVAL_MS, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Debezium heartbeat interval, so that an idle database still advances the committed offset "
                            + "and the replication slot releases WAL; 0 disables heartbeats.")
            .define(RETRY_BACKOFF_INITIAL_MS, Type.LONG, 500L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "First delay before restarting after the database or Kafka was lost; doubled per attempt.")
            .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Longest delay between restart attempts.")
            .define(PRODUCE_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                    "How long a batch may wait for Kafka acknowledgements before the engine is restarted "
                            + "(its offsets are then not committed, so the batch is captured again, nothing is lost). "
                            + "30 s rides out a broker restart or a leader election; a longer outage shows as "
                            + "DEGRADED with restarts under backoff instead of a capture silently stuck for minutes.")
            .define(OFFSETS_TOPIC, Type.STRING, "", Importance.MEDIUM,
                    "Kafka topic of Debezium's source offsets; empty means <prefix>.capture.<source>.offsets.")
            .define(SCHEMA_HISTORY_TOPIC, Type.STRING, "", Importance.MEDIUM,
                    "Kafka topic of the MariaDB/MySQL schema history; empty means "
                            + "<prefix>.capture.<source>.schema-history.")
            .define(APPLY_OFFSETS_TABLE, Type.STRING, ApplyOffsetsTable.DEFAULT_NAME,
                    ConfigDef.LambdaValidator.with(CaptureConfig::validateOffsetsTable,
                            () -> "a table name, optionally schema-qualified; empty to disable"), Importance.MEDIUM,
                    "Offsets table of the apply sink writing into this database (the sink's "
                            + "strangler.apply.offsets.table), optionally schema-qualified. The sink writes it first in "
                            + "each of its transactions; capture follows it to tag every change with its origin (APPLY "
                            + "for the sink's writes, LOCAL for everybody else's), which is how the sync tells its own "
                            + "echo from an identical user write. It is captured but never published; on PostgreSQL "
                            + "capture creates it when missing so the publication covers it. Empty disables origin "
                            + "tracking (RowChange.origin stays null and the sync falls back to content-based echo "
                            + "detection).")
            .define(TRANSACTION_BUFFER_MAX_CHANGES, Type.INT, 10_000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Most changes of one source transaction that capture stamps with RowChange.transaction (size, "
                            + "order, per-table sizes), so that a consumer can apply the transaction atomically. A "
                            + "transaction still open at the end of a Debezium batch is held in memory, unsent and "
                            + "uncommitted, until its END arrives; one with more changes is published unstamped, whole, "
                            + "as it comes, and counted in strangler_capture_transactions_unstamped_total"
                            + "{reason=too-large}. 0 stamps nothing.")
            .define(METRICS_JMX_ENABLED, Type.BOOLEAN, true, Importance.LOW,
                    "Also publish the metrics as JMX MBeans (domain 'metrics') when the processor creates its own "
                            + "meter registry.");

    public CaptureConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, withCurrentKeyNames(originals), false);
        // every strangler.* key of a capture file is capture's own (strangler.kafka.* goes to the Kafka clients)
        UnknownKeys.warn("CaptureConfig", CONFIG_DEF.names(), originals(), List.of(PREFIX), List.of(KAFKA_PREFIX));
        if (retryBackoffMax().compareTo(retryBackoffInitial()) < 0) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS, getLong(RETRY_BACKOFF_MAX_MS),
                    "must not be smaller than " + RETRY_BACKOFF_INITIAL_MS);
        }
        String transactions = debeziumProperties().get("provide.transaction.metadata");
        if (transactions != null && !Boolean.parseBoolean(transactions)) {
            throw new ConfigException("provide.transaction.metadata", transactions,
                    "capture needs transaction metadata: every RowChange carries its transaction id");
        }
    }

    /**
     * Reads a {@code .properties} file.
     *
     * @throws ConfigException naming the file and the key when the file is missing or a value is invalid
     */
    public static CaptureConfig fromFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Capture configuration file " + file.toAbsolutePath() + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot read capture configuration file " + file.toAbsolutePath() + ": "
                    + e.getMessage());
        }
        try {
            return new CaptureConfig(properties);
        } catch (ConfigException e) {
            throw new ConfigException("Invalid capture configuration " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    public String sourceName() {
        return getString(SOURCE_NAME);
    }

    public Engine engine() {
        return Engine.fromConfig(getString(ENGINE));
    }

    public TopicNames topicNames() {
        return new TopicNames(getString(TOPIC_PREFIX));
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    public short topicReplicationFactor() {
        return getShort(TOPIC_REPLICATION_FACTOR);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    public ToastPolicy toastPolicy() {
        return ToastPolicy.fromConfig(getString(TOAST_POLICY));
    }

    public boolean dlqEnabled() {
        return getBoolean(DLQ_ENABLED);
    }

    public Duration heartbeatInterval() {
        return Duration.ofMillis(getLong(HEARTBEAT_INTERVAL_MS));
    }

    public Duration retryBackoffInitial() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_INITIAL_MS));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS));
    }

    /** The most changes of a transaction stamped whole ({@link #TRANSACTION_BUFFER_MAX_CHANGES}). */
    public int transactionBufferMaxChanges() {
        return getInt(TRANSACTION_BUFFER_MAX_CHANGES);
    }

    public Duration produceTimeout() {
        return Duration.ofMillis(getLong(PRODUCE_TIMEOUT_MS));
    }

    public String offsetsTopic() {
        String topic = getString(OFFSETS_TOPIC);
        return topic.isBlank() ? internalTopic("offsets") : TopicNames.validateTopicName(topic);
    }

    /**
     * {@code <prefix>.capture.<source>.origins}: compacted, one partition, UTF-8 text; the transaction open at the last
     * batch boundary and who wrote it, so that a restart inside a transaction keeps tagging its changes.
     */
    public String originsTopic() {
        return internalTopic("origins");
    }

    /** {@code <prefix>.capture.<source>.progress}: see {@link TopicNames#captureProgress}. */
    public String progressTopic() {
        return topicNames().captureProgress(sourceName());
    }

    public String schemaHistoryTopic() {
        String topic = getString(SCHEMA_HISTORY_TOPIC);
        return topic.isBlank() ? internalTopic("schema-history") : TopicNames.validateTopicName(topic);
    }

    /** The apply sink's offsets table to track origins by, or empty when origin tracking is disabled. */
    public Optional<ApplyOffsetsTable> applyOffsetsTable() {
        String table = getString(APPLY_OFFSETS_TABLE).trim();
        return table.isEmpty() ? Optional.empty() : Optional.of(ApplyOffsetsTable.of(table));
    }

    public boolean jmxEnabled() {
        return getBoolean(METRICS_JMX_ENABLED);
    }

    /** Client properties for Strangler's producer and admin: bootstrap servers plus the strangler.kafka.* keys. */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> properties = new TreeMap<>(originalsWithPrefix(KAFKA_PREFIX, true));
        properties.put(BOOTSTRAP_SERVERS, bootstrapServers());
        return properties;
    }

    /** Every key outside {@code strangler.*}, as given (Debezium's defaults are added by the processor). */
    public Map<String, String> debeziumProperties() {
        Map<String, String> out = new TreeMap<>();
        originals().forEach((key, value) -> {
            if (!key.startsWith(PREFIX) && !key.equals(BOOTSTRAP_SERVERS) && !key.equals(SCHEMA_REGISTRY_URL)
                    && value != null) {
                out.put(key, value.toString());
            }
        });
        return out;
    }

    /** The legacy key names renamed (a file that sets both names keeps the current one), each with a warning. */
    private static Map<Object, Object> withCurrentKeyNames(Map<?, ?> originals) {
        Map<Object, Object> renamed = new HashMap<>(originals);
        LEGACY_KEYS.forEach((legacy, current) -> {
            Object value = renamed.remove(legacy);
            if (value != null) {
                LOGGER.warn("Capture configuration key {} is deprecated: name it {} (as every processor does)", legacy,
                        current);
                renamed.putIfAbsent(current, value);
            }
        });
        return renamed;
    }

    private String internalTopic(String kind) {
        return TopicNames.validateTopicName(getString(TOPIC_PREFIX) + ".capture." + sourceName() + "." + kind);
    }

    private static void validateTopicPart(String name, Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.matches("[a-zA-Z0-9_-]+")) {
            throw new ConfigException(name, value, "use ASCII letters, digits, '_' and '-' only; it is part of "
                    + "topic names");
        }
    }

    private static void validateOffsetsTable(String name, Object value) {
        String text = value == null ? "" : value.toString().trim();
        if (!text.isEmpty()) {
            try {
                ApplyOffsetsTable.of(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
    }

    private static void validateTopicPrefix(String name, Object value) {
        try {
            new TopicNames(value == null ? null : value.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }
}
