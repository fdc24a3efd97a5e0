package io.strangler.validator;

import io.strangler.core.config.ConfigDefs;
import io.strangler.core.config.DatabaseConfig;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.config.UnknownKeys;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.topic.TopicNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The validator's configuration file: the mappings, both databases, optional Kafka settings (to publish the report
 * event and to send repairs) and defaults for the run.
 * <pre>{@code
 * strangler.mappings.file=mappings.yaml
 * monolith.database.url=jdbc:postgresql://localhost:5432/shop
 * monolith.database.user=shop
 * monolith.database.password=secret
 * service.database.url=jdbc:mariadb://localhost:3306/orders
 * service.database.user=orders
 * service.database.password=secret
 * bootstrap.servers=localhost:9092              # only for --publish and reconcile
 * schema.registry.url=http://localhost:8081
 * strangler.validator.parallelism=4
 * }</pre>
 */
public final class ValidatorConfig extends AbstractConfig {

    public static final String MONOLITH_PREFIX = "monolith.database.";
    public static final String SERVICE_PREFIX = "service.database.";
    public static final String MODE = "strangler.validator.mode";
    public static final String PARALLELISM = "strangler.validator.parallelism";
    public static final String SEGMENTS = "strangler.validator.segments";
    public static final String LEAF_ROWS = "strangler.validator.leaf.rows";
    public static final String AUTO_CHECKSUM_MIN_ROWS = "strangler.validator.auto.checksum.min.rows";
    public static final String MAX_DETAILS = "strangler.validator.max.details";
    public static final String FOREIGN_KEYS = "strangler.validator.foreign.keys";

    private static final ValidationOptions DEFAULTS = ValidationOptions.defaults();

    public static final ConfigDef CONFIG_DEF = ConfigDefs.combine(
            DatabaseConfig.configDef(MONOLITH_PREFIX), DatabaseConfig.configDef(SERVICE_PREFIX),
            new ConfigDef()
                    .define(StranglerConfig.MAPPINGS_FILE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDefs.nonBlank(),
                            Importance.HIGH, "Path of the mappings file (YAML); every mapping is a table the validator can compare.")
                    .define(StranglerConfig.BOOTSTRAP_SERVERS, Type.LIST, List.of(), Importance.MEDIUM,
                            "Kafka brokers, host:port list. Needed to publish the ValidationReport event and to send repairs.")
                    .define(StranglerConfig.SCHEMA_REGISTRY_URL, Type.STRING, null, Importance.MEDIUM,
                            "Schema registry URL. Needed with bootstrap.servers.")
                    .define(StranglerConfig.TOPIC_PREFIX, Type.STRING, StranglerConfig.DEFAULT_TOPIC_PREFIX,
                            ConfigDefs.topicPrefix(), Importance.LOW, "Prefix of Strangler's topic names.")
                    .define(MODE, Type.STRING, DEFAULTS.mode().label(), ConfigDefs.optionalOneOf(List.of("auto", "checksum", "merge")),
                            Importance.MEDIUM, "Comparison mode: auto, checksum (in-database checksums per segment, bisecting"
                                    + " differing ones) or merge (stream both sides in key order and compare in the JVM).")
                    .define(PARALLELISM, Type.INT, DEFAULTS.parallelism(), ConfigDef.Range.between(1, 64), Importance.MEDIUM,
                            "Segments compared at the same time; each holds one connection per database.")
                    .define(SEGMENTS, Type.INT, DEFAULTS.segments(), ConfigDef.Range.between(0, 4096), Importance.LOW,
                            "Top-level segments per table with an integer key; 0 chooses one per 50,000 rows.")
                    .define(LEAF_ROWS, Type.INT, DEFAULTS.leafRows(), ConfigDef.Range.atLeast(1), Importance.LOW,
                            "In checksum mode, a differing segment of at most this many rows is merged instead of split.")
                    .define(AUTO_CHECKSUM_MIN_ROWS, Type.LONG, DEFAULTS.autoChecksumMinRows(), ConfigDef.Range.atLeast(0),
                            Importance.LOW, "In auto mode, tables with fewer estimated rows are merged directly; so are all tables when both databases are on loopback.")
                    .define(MAX_DETAILS, Type.INT, DEFAULTS.maxDetails(), ConfigDef.Range.atLeast(0), Importance.LOW,
                            "Discrepancies listed (with both rows) per table; all are counted. Reconcile repairs the listed ones.")
                    .define(FOREIGN_KEYS, Type.BOOLEAN, DEFAULTS.foreignKeys(), Importance.LOW,
                            "Also count and sample, on each side, rows of the validated tables whose foreign key names a"
                                    + " missing parent (orphans; the apply sinks write with foreign keys off). Reported,"
                                    + " never repaired. Meant for quiesced databases: while the sync runs a child may"
                                    + " briefly arrive before its parent."));

    public ValidatorConfig(Map<?, ?> values) {
        super(CONFIG_DEF, values, false);
        UnknownKeys.warn("ValidatorConfig", CONFIG_DEF.names(), values, List.of("strangler.validator."), List.of());
        if (!kafkaServers().isEmpty() && getString(StranglerConfig.SCHEMA_REGISTRY_URL) == null) {
            throw new ConfigException(StranglerConfig.SCHEMA_REGISTRY_URL, null, "is required when bootstrap.servers is set");
        }
    }

    public ConnectionSource monolith() {
        return source("monolith", DatabaseConfig.from(this, MONOLITH_PREFIX));
    }

    public ConnectionSource service() {
        return source("service", DatabaseConfig.from(this, SERVICE_PREFIX));
    }

    public Mappings mappings() {
        return Mappings.load(Path.of(getString(StranglerConfig.MAPPINGS_FILE)));
    }

    public ValidationOptions options() {
        return new ValidationOptions(ValidationMode.valueOf(getString(MODE).toUpperCase(java.util.Locale.ROOT)),
                getInt(PARALLELISM), getInt(SEGMENTS), getInt(LEAF_ROWS), getLong(AUTO_CHECKSUM_MIN_ROWS),
                getInt(MAX_DETAILS), null, ProgressListener.NONE, getBoolean(FOREIGN_KEYS));
    }

    public List<String> kafkaServers() {
        return getList(StranglerConfig.BOOTSTRAP_SERVERS);
    }

    public Optional<String> schemaRegistryUrl() {
        return Optional.ofNullable(getString(StranglerConfig.SCHEMA_REGISTRY_URL));
    }

    public TopicNames topicNames() {
        return new TopicNames(getString(StranglerConfig.TOPIC_PREFIX));
    }

    private static ConnectionSource source(String name, DatabaseConfig database) {
        return ConnectionSource.of(name, database.url(), database.user(),
                database.password() == null ? null : database.password().value());
    }
}
