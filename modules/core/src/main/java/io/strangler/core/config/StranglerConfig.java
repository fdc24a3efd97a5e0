package io.strangler.core.config;

import io.strangler.core.mapping.Mappings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings every Strangler processor shares. A processor's config class extends this one with its own
 * {@link ConfigDef}, combined with {@link #configDef()} through {@link ConfigDefs#combine}:
 * <pre>{@code
 * public final class SyncConfig extends StranglerConfig {
 *     public static final ConfigDef CONFIG_DEF = ConfigDefs.combine(StranglerConfig.configDef(), new ConfigDef()
 *             .define("sync.commit.interval.ms", Type.LONG, 100L, ConfigDefs.atLeast(1), Importance.MEDIUM, "..."));
 *
 *     public SyncConfig(Map<?, ?> values) {
 *         super(CONFIG_DEF, values);
 *     }
 *
 *     public Duration commitInterval() {
 *         return getDuration("sync.commit.interval.ms");
 *     }
 * }
 * }</pre>
 */
public class StranglerConfig extends AbstractConfig {

    /** Kafka brokers to bootstrap from, e.g. {@code localhost:9092}. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    /** The schema registry (Confluent REST API) URL, e.g. {@code http://localhost:8081}. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** {@code user:password} for the registry's HTTP basic authentication. */
    public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    /** The first part of every topic name Strangler creates, e.g. {@code strangler} in {@code strangler.sync.conflicts}. */
    public static final String TOPIC_PREFIX = "strangler.topic.prefix";
    /** The mappings file (YAML) the processor synchronises. */
    public static final String MAPPINGS_FILE = "strangler.mappings.file";
    /** The port of a processor's /metrics and /health endpoints ({@code strangler run}, {@code strangler sync}). */
    public static final String HTTP_PORT = "strangler.http.port";

    public static final String DEFAULT_TOPIC_PREFIX = "strangler";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, ConfigDefs.hostPortList(), Importance.HIGH,
                    "Kafka brokers to bootstrap from, as a comma-separated list of host:port.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDefs.httpUrl(), Importance.HIGH,
                    "URL of the schema registry (Confluent REST API: Confluent Schema Registry, Karapace, Redpanda,"
                            + " Apicurio ccompat) that holds the Avro schemas of Strangler's topics.")
            .define(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "Credentials for the schema registry's HTTP basic authentication, as user:password. Unset means"
                            + " no authentication.")
            .define(TOPIC_PREFIX, Type.STRING, DEFAULT_TOPIC_PREFIX, ConfigDefs.topicPrefix(), Importance.MEDIUM,
                    "Prefix of every topic Strangler reads or writes, e.g. strangler.sync.conflicts. Lets several"
                            + " migrations share one Kafka cluster.")
            .define(MAPPINGS_FILE, Type.STRING, null, ConfigDefs.optionalNonBlank(), Importance.HIGH,
                    "Path of the mappings file (YAML) that pairs monolith tables with service tables; see"
                            + " docs/mappings.md. Required by the processors that synchronise or compare rows.")
            .define(HTTP_PORT, Type.INT, -1, ConfigDef.Range.between(-1, 65535), Importance.MEDIUM,
                    "Port of the processor's HTTP endpoints when run by strangler run or strangler sync: /metrics"
                            + " (Prometheus text) and /health, /health/live, /health/ready (Kubernetes probes). 0 picks"
                            + " a free port, -1 serves none. The --http-port option wins over it.");

    public StranglerConfig(Map<?, ?> values) {
        this(CONFIG_DEF, values);
    }

    /** For subclasses: {@code definition} must include {@link #configDef()}. */
    protected StranglerConfig(ConfigDef definition, Map<?, ?> values) {
        // doLog=false: processors log their configuration themselves, through toString, which hides passwords.
        super(definition, values, false);
        Set<String> own = new java.util.HashSet<>(definition.names());
        own.removeAll(CONFIG_DEF.names());
        UnknownKeys.warn(getClass().getSimpleName(), definition.names(), values, UnknownKeys.namespaces(own),
                List.of());
    }

    /** A copy of the common definitions, to combine with a processor's own. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    public List<String> bootstrapServers() {
        return getList(BOOTSTRAP_SERVERS);
    }

    public URI schemaRegistryUrl() {
        return URI.create(getString(SCHEMA_REGISTRY_URL));
    }

    public Optional<Password> schemaRegistryBasicAuthUserInfo() {
        return Optional.ofNullable(getPassword(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO));
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    /** The mappings file, if configured. */
    public Optional<Path> mappingsFile() {
        return Optional.ofNullable(getString(MAPPINGS_FILE)).map(Path::of);
    }

    /**
     * Loads the configured mappings file.
     *
     * @throws ConfigException when {@value #MAPPINGS_FILE} is not set
     * @throws io.strangler.core.mapping.MappingException when the file cannot be read or is invalid
     */
    public Mappings loadMappings() {
        Path file = mappingsFile().orElseThrow(() -> new ConfigException(MAPPINGS_FILE, null,
                "is required: name the mappings file (YAML) to synchronise"));
        return Mappings.load(file);
    }

    /** A {@link Type#LONG} key holding milliseconds, as a Duration. */
    protected Duration getDuration(String key) {
        return Duration.ofMillis(getLong(key));
    }

    /** A {@link Type#STRING} key holding a path, if set. */
    protected Optional<Path> getPath(String key) {
        return Optional.ofNullable(getString(key)).map(Path::of);
    }

    /** Every key with its value, sorted; passwords show as {@code [hidden]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + new TreeMap<>(values());
    }
}
