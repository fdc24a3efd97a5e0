package io.strangler.apply;

import io.strangler.core.config.ConfigDefs;
import io.strangler.core.config.ConfigFiles;
import io.strangler.core.config.DatabaseConfig;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.row.Engine;
import io.strangler.core.topic.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Typed configuration of one {@link ApplySink}: the common settings ({@link StranglerConfig}: Kafka, registry, topic
 * prefix), the target database ({@link DatabaseConfig} under {@code database.}) and the sink's own keys, each with
 * type, default, validator and documentation in {@link #CONFIG_DEF}; {@code docs/apply.md} lists them all.
 *
 * <p>Keys outside the definition are passed through to the Kafka clients: {@code consumer.*} to the consumer,
 * {@code producer.*} to the dead-letter producer (prefix removed), e.g. {@code consumer.max.poll.interval.ms}.
 *
 * <pre>{@code
 * strangler.target=service
 * database.url=jdbc:postgresql://localhost:5433/shop_service
 * database.user=strangler
 * database.password=secret
 * bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8081
 * strangler.apply.batch.size=500
 * }</pre>
 */
public final class ApplySinkConfig extends StranglerConfig {

    public static final String TARGET = "strangler.target";
    public static final String DATABASE_PREFIX = DatabaseConfig.DEFAULT_PREFIX;
    public static final String JDBC_URL = DATABASE_PREFIX + DatabaseConfig.URL;
    public static final String JDBC_USER = DATABASE_PREFIX + DatabaseConfig.USER;
    public static final String JDBC_PASSWORD = DATABASE_PREFIX + DatabaseConfig.PASSWORD;
    public static final String GROUP_ID = "strangler.apply.group.id";
    public static final String BATCH_SIZE = "strangler.apply.batch.size";
    public static final String LINGER_MS = "strangler.apply.linger.ms";
    public static final String TRANSACTION_WAIT_MS = "strangler.apply.transaction.wait.ms";
    public static final String SYNCHRONOUS_COMMIT = "strangler.apply.synchronous.commit";
    public static final String RETRY_BACKOFF_MS = "strangler.apply.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "strangler.apply.retry.backoff.max.ms";
    public static final String OFFSETS_TABLE = "strangler.apply.offsets.table";
    public static final String REPLICATION_SESSION = "strangler.apply.replication.session";
    public static final String SHUTDOWN_TIMEOUT_MS = "strangler.apply.shutdown.timeout.ms";

    /** Prefix of keys passed to the Kafka consumer, e.g. {@code consumer.max.poll.interval.ms}. */
    public static final String CONSUMER_PREFIX = "consumer.";
    /** Prefix of keys passed to the dead-letter producer, e.g. {@code producer.linger.ms}. */
    public static final String PRODUCER_PREFIX = "producer.";

    private static final Pattern NAME_PART = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final Pattern TABLE_NAME = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*\\.)?[a-zA-Z_][a-zA-Z0-9_]*");

    /** The sink's own keys, without the common and database ones. */
    private static final ConfigDef APPLY_DEF = new ConfigDef()
            .define(TARGET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, matching(NAME_PART, "ASCII letters, digits, '_' or '-'"),
                    Importance.HIGH, "Name of the target side this sink writes to, e.g. service. The sink consumes "
                            + "<prefix>.apply.<target> and dead-letters commands addressed to another target.")
            .define(GROUP_ID, Type.STRING, "", Importance.LOW,
                    "Kafka consumer group. Empty: strangler-apply-<target>, so that standard Kafka tooling shows "
                            + "the apply lag under that name. Positions are read from the offsets table, not from the group.")
            .define(BATCH_SIZE, Type.INT, 500, ConfigDef.Range.between(1, 100_000), Importance.MEDIUM,
                    "Commands written in one database transaction, at most; a batch ends at the end of a source "
                            + "transaction, so it can exceed this by the rest of one.")
            .define(LINGER_MS, Type.LONG, 5L, ConfigDef.Range.between(0, 60_000), Importance.MEDIUM,
                    "How long to wait for more commands once a batch has its first one, before writing a partial batch.")
            .define(TRANSACTION_WAIT_MS, Type.LONG, 60_000L, ConfigDef.Range.between(0, 600_000), Importance.MEDIUM,
                    "Commands of one source transaction (the sync tags them) are written in one database transaction:"
                            + " the sink holds them until it has read all of them. How long it waits for the rest of a"
                            + " transaction before writing what it has (counted in strangler.apply.transactions.partial). Keep it"
                            + " above the time a sync restart takes: a sync killed between its commits sends the"
                            + " rest of a transaction only once it runs again."
                            + " 0: do not wait, write every batch as it comes (source transactions may be split).")
            .define(SYNCHRONOUS_COMMIT, Type.BOOLEAN, true, Importance.MEDIUM,
                    "PostgreSQL only. false: the sink's transactions commit without waiting for their WAL to reach "
                            + "disk (synchronous_commit=off in its session), so they release their row locks sooner: "
                            + "for targets whose application writes hot rows (docs/apply.md, perf/08-hot-rows). Exactly "
                            + "once still holds: rows and offsets commit together, so a database crash loses both and "
                            + "the sink re-applies them from the apply topic; capture only reads WAL that reached disk.")
            .define(RETRY_BACKOFF_MS, Type.LONG, 200L, ConfigDef.Range.between(1, 600_000), Importance.LOW,
                    "First wait before reconnecting to an unreachable database; doubles up to "
                            + RETRY_BACKOFF_MAX_MS + ".")
            .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 10_000L, ConfigDef.Range.between(1, 3_600_000), Importance.LOW,
                    "Longest wait between connection attempts.")
            .define(OFFSETS_TABLE, Type.STRING, "strangler_apply_offsets", matching(TABLE_NAME, "a table name, optionally schema-qualified"),
                    Importance.LOW, "Table in the target database holding the next Kafka offset per consumer group, topic and "
                            + "partition, written in the same transaction as the rows. Created when missing.")
            .define(REPLICATION_SESSION, Type.BOOLEAN, true, Importance.LOW,
                    "Set the session for replication: PostgreSQL session_replication_role=replica (foreign keys and "
                            + "ordinary triggers do not fire; needs a superuser or GRANT SET ON PARAMETER "
                            + "session_replication_role, else a warning and the sink carries on without it), "
                            + "MariaDB/MySQL FOREIGN_KEY_CHECKS=0.")
            .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How long stop() waits for the batch in flight to finish before interrupting the sink thread.");

    public static final ConfigDef CONFIG_DEF = ConfigDefs.combine(StranglerConfig.configDef(),
            DatabaseConfig.configDef(DATABASE_PREFIX), APPLY_DEF);

    private final DatabaseConfig database;

    /** A copy of the sink's own definitions (without the common and database keys), for the reference docs. */
    public static ConfigDef applyDef() {
        return new ConfigDef(APPLY_DEF);
    }

    public ApplySinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        if (getLong(RETRY_BACKOFF_MAX_MS) < getLong(RETRY_BACKOFF_MS)) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS, getLong(RETRY_BACKOFF_MAX_MS),
                    "must be at least " + RETRY_BACKOFF_MS + " (" + getLong(RETRY_BACKOFF_MS) + ")");
        }
        this.database = DatabaseConfig.from(this, DATABASE_PREFIX);
    }

    /**
     * Reads a {@code .properties} file (UTF-8).
     *
     * @throws ConfigException starting with the file name and naming the key when a value is missing or invalid
     */
    public static ApplySinkConfig fromProperties(Path file) {
        return ConfigFiles.load(file, ApplySinkConfig::new);
    }

    public String target() {
        return getString(TARGET);
    }

    public DatabaseConfig database() {
        return database;
    }

    public String jdbcUrl() {
        return database.url();
    }

    public String jdbcUser() {
        return database.user();
    }

    /** The password, empty when none is configured. */
    public Password jdbcPassword() {
        return database.password() == null ? new Password("") : database.password();
    }

    public Engine engine() {
        return database.engine();
    }

    public TopicNames topicNames() {
        return new TopicNames(topicPrefix());
    }

    public String topic() {
        return topicNames().apply(target());
    }

    public String groupId() {
        String configured = getString(GROUP_ID);
        return configured.isBlank() ? "strangler-apply-" + target() : configured;
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public Duration linger() {
        return getDuration(LINGER_MS);
    }

    public Duration transactionWait() {
        return getDuration(TRANSACTION_WAIT_MS);
    }

    public boolean synchronousCommit() {
        return getBoolean(SYNCHRONOUS_COMMIT);
    }

    public Duration retryBackoff() {
        return getDuration(RETRY_BACKOFF_MS);
    }

    public Duration retryBackoffMax() {
        return getDuration(RETRY_BACKOFF_MAX_MS);
    }

    public String offsetsTable() {
        return getString(OFFSETS_TABLE);
    }

    public boolean replicationSession() {
        return getBoolean(REPLICATION_SESSION);
    }

    public Duration shutdownTimeout() {
        return getDuration(SHUTDOWN_TIMEOUT_MS);
    }

    /** Consumer properties: bootstrap servers plus every {@code consumer.*} key, prefix removed. */
    public Map<String, Object> consumerOverrides() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(CONSUMER_PREFIX));
        props.put(BOOTSTRAP_SERVERS, String.join(",", bootstrapServers()));
        return props;
    }

    /** Producer properties: bootstrap servers plus every {@code producer.*} key, prefix removed. */
    public Map<String, Object> producerOverrides() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(PRODUCER_PREFIX));
        props.put(BOOTSTRAP_SERVERS, String.join(",", bootstrapServers()));
        return props;
    }

    /** The JDBC URL without query parameters, safe to log (a password could hide in them). */
    public String jdbcUrlForLogs() {
        String url = jdbcUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static ConfigDef.Validator matching(Pattern pattern, String what) {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || !pattern.matcher(value.toString()).matches()) {
                throw new ConfigException(name, value, "expected " + what);
            }
        }, () -> what);
    }
}
