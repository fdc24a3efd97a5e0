package io.strangler.apply;

import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.row.Engine;
import io.strangler.core.topic.TopicNames;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Typed configuration of one {@link ApplySink}. Every key is declared in {@link #CONFIG_DEF} with its type, default,
 * validator and documentation; {@code docs/apply.md} lists them.
 *
 * <p>Keys outside the definition are passed through to the Kafka clients: {@code consumer.*} to the consumer,
 * {@code producer.*} to the dead-letter producer (prefix removed), e.g. {@code consumer.max.poll.interval.ms}.
 *
 * <pre>{@code
 * strangler.target=service
 * strangler.target.jdbc.url=jdbc:postgresql://localhost:5432/service
 * strangler.target.jdbc.user=strangler
 * strangler.target.jdbc.password=secret
 * bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8081
 * strangler.apply.batch.size=500
 * }</pre>
 */
public final class ApplySinkConfig extends AbstractConfig {

    public static final String TARGET = "strangler.target";
    public static final String JDBC_URL = "strangler.target.jdbc.url";
    public static final String JDBC_USER = "strangler.target.jdbc.user";
    public static final String JDBC_PASSWORD = "strangler.target.jdbc.password";
    public static final String BOOTSTRAP_SERVERS = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String SCHEMA_REGISTRY_URL = RestSchemaRegistryClient.URL_CONFIG;
    public static final String TOPIC_PREFIX = "strangler.topic.prefix";
    public static final String GROUP_ID = "strangler.apply.group.id";
    public static final String BATCH_SIZE = "strangler.apply.batch.size";
    public static final String LINGER_MS = "strangler.apply.linger.ms";
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

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TARGET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, matching(NAME_PART, "a target name of ASCII letters, digits, '_' or '-'"),
                    Importance.HIGH, "Name of the target side this sink writes to, e.g. 'service'. The sink consumes "
                            + "<prefix>.apply.<target> and rejects commands addressed to another target.")
            .define(JDBC_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, jdbcUrlValidator(), Importance.HIGH,
                    "JDBC URL of the target database: jdbc:postgresql://…, jdbc:mariadb://… or jdbc:mysql://…. "
                            + "The engine is taken from it.")
            .define(JDBC_USER, Type.STRING, "", Importance.HIGH,
                    "Database user. Empty: the user in the URL, if any. On PostgreSQL the replication session "
                            + "(session_replication_role=replica) needs a superuser or "
                            + "'GRANT SET ON PARAMETER session_replication_role TO <user>' (PostgreSQL 15+).")
            .define(JDBC_PASSWORD, Type.PASSWORD, "", Importance.HIGH, "Password of the database user; never logged.")
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, nonEmptyList(),
                    Importance.HIGH, "Kafka bootstrap servers, host:port[,host:port…].")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "URL of the Confluent-compatible schema registry the ApplyCommands were written with.")
            .define(TOPIC_PREFIX, Type.STRING, TopicNames.DEFAULT_PREFIX, topicPrefix(), Importance.MEDIUM,
                    "Prefix of every Strangler topic: commands come from <prefix>.apply.<target>, rejected commands "
                            + "go to <prefix>.sync.dlq.")
            .define(GROUP_ID, Type.STRING, "", Importance.LOW,
                    "Kafka consumer group. Empty: strangler-apply-<target>, so that standard Kafka tooling shows "
                            + "the apply lag under that name. Positions are read from the offsets table, not from the group.")
            .define(BATCH_SIZE, Type.INT, 500, ConfigDef.Range.between(1, 100_000), Importance.MEDIUM,
                    "Most commands written in one database transaction.")
            .define(LINGER_MS, Type.LONG, 5L, ConfigDef.Range.between(0, 60_000), Importance.MEDIUM,
                    "How long to wait for more commands once a batch has its first one, before writing a partial batch.")
            .define(RETRY_BACKOFF_MS, Type.LONG, 200L, ConfigDef.Range.between(1, 600_000), Importance.LOW,
                    "First wait before retrying after the database became unreachable; doubles up to "
                            + RETRY_BACKOFF_MAX_MS + ".")
            .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 10_000L, ConfigDef.Range.between(1, 3_600_000), Importance.LOW,
                    "Longest wait between connection attempts.")
            .define(OFFSETS_TABLE, Type.STRING, "strangler_apply_offsets", matching(TABLE_NAME, "a table name, optionally schema-qualified"),
                    Importance.LOW, "Table in the target database holding the next Kafka offset per consumer group, topic and "
                            + "partition, written in the same transaction as the rows. Created when missing.")
            .define(REPLICATION_SESSION, Type.BOOLEAN, true, Importance.LOW,
                    "Set the session for replication: PostgreSQL session_replication_role=replica (foreign keys and "
                            + "ordinary triggers do not fire), MariaDB/MySQL FOREIGN_KEY_CHECKS=0.")
            .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How long stop() waits for the batch in flight to finish before giving up on a clean stop.");

    public ApplySinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals, false);
        if (getLong(RETRY_BACKOFF_MAX_MS) < getLong(RETRY_BACKOFF_MS)) {
            throw new ConfigException(RETRY_BACKOFF_MAX_MS, getLong(RETRY_BACKOFF_MAX_MS),
                    "must be at least " + RETRY_BACKOFF_MS + " (" + getLong(RETRY_BACKOFF_MS) + ")");
        }
    }

    /**
     * Reads a {@code .properties} file (UTF-8).
     *
     * @throws ConfigException naming the file and the key when the file cannot be read or a value is invalid
     */
    public static ApplySinkConfig fromProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read apply sink configuration " + file + ": " + e.getMessage());
        }
        try {
            return new ApplySinkConfig(properties);
        } catch (ConfigException e) {
            throw new ConfigException("invalid apply sink configuration " + file + ": " + e.getMessage());
        }
    }

    public String target() {
        return getString(TARGET);
    }

    public String jdbcUrl() {
        return getString(JDBC_URL);
    }

    public String jdbcUser() {
        return getString(JDBC_USER);
    }

    public Password jdbcPassword() {
        return getPassword(JDBC_PASSWORD);
    }

    public Engine engine() {
        return engineOf(jdbcUrl());
    }

    public TopicNames topicNames() {
        return new TopicNames(getString(TOPIC_PREFIX));
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
        return Duration.ofMillis(getLong(LINGER_MS));
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS));
    }

    public String offsetsTable() {
        return getString(OFFSETS_TABLE);
    }

    public boolean replicationSession() {
        return getBoolean(REPLICATION_SESSION);
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS));
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    /** Consumer properties: bootstrap servers plus every {@code consumer.*} key, prefix removed. */
    public Map<String, Object> consumerOverrides() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(CONSUMER_PREFIX));
        props.put(BOOTSTRAP_SERVERS, String.join(",", getList(BOOTSTRAP_SERVERS)));
        return props;
    }

    /** Producer properties: bootstrap servers plus every {@code producer.*} key, prefix removed. */
    public Map<String, Object> producerOverrides() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(PRODUCER_PREFIX));
        props.put(BOOTSTRAP_SERVERS, String.join(",", getList(BOOTSTRAP_SERVERS)));
        return props;
    }

    /** The JDBC URL without query parameters, safe to log (user and password are never part of it). */
    public String jdbcUrlForLogs() {
        String url = jdbcUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    static Engine engineOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return Engine.POSTGRESQL;
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return Engine.MARIADB;
        }
        throw new ConfigException(JDBC_URL, url.replaceAll("\\?.*", "?…"),
                "expected jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:");
    }

    private static ConfigDef.Validator jdbcUrlValidator() {
        return (name, value) -> {
            if (value == null || value.toString().isBlank()) {
                throw new ConfigException(name, value, "must not be empty");
            }
            engineOf(value.toString());
        };
    }

    private static ConfigDef.Validator nonEmptyList() {
        return (name, value) -> {
            if (!(value instanceof java.util.List<?> list) || list.isEmpty() || list.stream().anyMatch(v -> v.toString().isBlank())) {
                throw new ConfigException(name, value, "expected host:port[,host:port…]");
            }
        };
    }

    private static ConfigDef.Validator topicPrefix() {
        return (name, value) -> {
            try {
                new TopicNames(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        };
    }

    private static ConfigDef.Validator matching(Pattern pattern, String what) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || !pattern.matcher(value.toString()).matches()) {
                    throw new ConfigException(name, value, "expected " + what);
                }
            }

            @Override
            public String toString() {
                return what;
            }
        };
    }
}
