package io.strangler.replicate;

import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.core.config.ConfigFiles;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.row.Engine;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/**
 * The one file {@code strangler replicate --config FILE} reads: the replicate stage's keys
 * ({@link ReplicateStageConfig}: Kafka, registry, topic prefix, mappings file, {@code strangler.replicate.*},
 * {@code streams.*}), the capture of the source database under {@code capture.} and the apply sink on the target under
 * {@code apply.}, each with the prefix removed and the shared values filled in where the file leaves them out:
 *
 * <ul>
 *   <li>capture: {@code strangler.source.name}, {@code bootstrap.servers},
 *       {@code schema.registry.url}, {@code strangler.topic.prefix}, {@code strangler.topic.partitions} and
 *       {@code table.include.list} (plus {@code database.include.list} on MariaDB) from the mappings' source tables;</li>
 *   <li>apply: {@code strangler.target}, {@code bootstrap.servers}, {@code schema.registry.url},
 *       {@code strangler.topic.prefix}.</li>
 * </ul>
 * The source database is reached for validation with the capture's {@code database.hostname}, {@code .port},
 * {@code .user}, {@code .password} and (PostgreSQL) {@code .dbname}; the target with the apply sink's
 * {@code database.url}, {@code .user}, {@code .password}. See {@code docs/replicate.md} for a complete example.
 */
public final class ReplicatePipelineConfig {

    public static final String CAPTURE_PREFIX = "capture.";
    public static final String APPLY_PREFIX = "apply.";

    private final Map<String, String> values;
    private final ReplicateStageConfig stage;

    public ReplicatePipelineConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        Map<String, String> stageValues = new HashMap<>(values);
        stageValues.keySet().removeIf(key -> key.startsWith(CAPTURE_PREFIX) || key.startsWith(APPLY_PREFIX));
        this.stage = new ReplicateStageConfig(stageValues);
        if (stage.mappingsFile().isEmpty()) {
            throw new ConfigException(StranglerConfig.MAPPINGS_FILE, null, "is required: name the mappings file (YAML) to replicate");
        }
    }

    /** Reads a {@code .properties} file; errors start with the file name and name the key. */
    public static ReplicatePipelineConfig fromProperties(Path file) {
        return ConfigFiles.load(file, ReplicatePipelineConfig::new);
    }

    public ReplicateStageConfig stage() {
        return stage;
    }

    /** The capture's engine, from {@code capture.strangler.engine} (default postgresql). */
    public Engine sourceEngine() {
        CaptureConfig.Engine engine = CaptureConfig.Engine.fromConfig(
                values.getOrDefault(CAPTURE_PREFIX + CaptureConfig.ENGINE, "postgresql"));
        return engine == CaptureConfig.Engine.POSTGRESQL ? Engine.POSTGRESQL : Engine.MARIADB;
    }

    /** JDBC URL of the source database, built from the capture's Debezium connection keys. */
    public String sourceJdbcUrl() {
        String host = require(CAPTURE_PREFIX + "database.hostname");
        String port = values.get(CAPTURE_PREFIX + "database.port");
        if (sourceEngine() == Engine.POSTGRESQL) {
            return "jdbc:postgresql://" + host + ":" + (port == null ? "5432" : port) + "/"
                    + require(CAPTURE_PREFIX + "database.dbname");
        }
        return "jdbc:mariadb://" + host + ":" + (port == null ? "3306" : port) + "/";
    }

    public String sourceUser() {
        return require(CAPTURE_PREFIX + "database.user");
    }

    /** Never log it. */
    public String sourcePassword() {
        return values.getOrDefault(CAPTURE_PREFIX + "database.password", "");
    }

    /** The capture configuration for {@code mappings}' source tables. */
    public CaptureConfig captureConfig(List<ResolvedMapping> mappings) {
        Map<String, String> capture = ConfigFiles.withoutPrefix(values, CAPTURE_PREFIX);
        capture.putIfAbsent(CaptureConfig.SOURCE_NAME, stage.sourceName());
        capture.putIfAbsent(CaptureConfig.BOOTSTRAP_SERVERS, String.join(",", stage.bootstrapServers()));
        capture.putIfAbsent(CaptureConfig.SCHEMA_REGISTRY_URL, stage.schemaRegistryUrl().toString());
        capture.putIfAbsent(CaptureConfig.TOPIC_PREFIX, stage.topicPrefix());
        capture.putIfAbsent(CaptureConfig.TOPIC_PARTITIONS, Integer.toString(stage.topicPartitions()));
        Set<TableRef> tables = new LinkedHashSet<>();
        mappings.forEach(mapping -> tables.add(mapping.mapping().table(stage.from())));
        capture.putIfAbsent("table.include.list", tables.stream().map(TableRef::toString).collect(Collectors.joining(",")));
        if (sourceEngine() == Engine.MARIADB) {
            capture.putIfAbsent("database.include.list",
                    tables.stream().map(TableRef::schema).distinct().collect(Collectors.joining(",")));
        }
        if (!stage.sourceName().equals(capture.get(CaptureConfig.SOURCE_NAME))) {
            throw new ConfigException(CAPTURE_PREFIX + CaptureConfig.SOURCE_NAME, capture.get(CaptureConfig.SOURCE_NAME),
                    "differs from " + ReplicateStageConfig.SOURCE_NAME + " (" + stage.sourceName()
                            + "): the stage would read topics the capture does not write");
        }
        return new CaptureConfig(capture);
    }

    /** The apply sink's configuration. */
    public ApplySinkConfig applyConfig() {
        Map<String, String> apply = ConfigFiles.withoutPrefix(values, APPLY_PREFIX);
        apply.putIfAbsent(ApplySinkConfig.TARGET, stage.target());
        apply.putIfAbsent(ApplySinkConfig.BOOTSTRAP_SERVERS, String.join(",", stage.bootstrapServers()));
        apply.putIfAbsent(ApplySinkConfig.SCHEMA_REGISTRY_URL, stage.schemaRegistryUrl().toString());
        apply.putIfAbsent(ApplySinkConfig.TOPIC_PREFIX, stage.topicPrefix());
        if (!stage.target().equals(apply.get(ApplySinkConfig.TARGET))) {
            throw new ConfigException(APPLY_PREFIX + ApplySinkConfig.TARGET, apply.get(ApplySinkConfig.TARGET),
                    "differs from " + ReplicateStageConfig.TARGET + " (" + stage.target()
                            + "): the sink would read a topic the stage does not write");
        }
        return new ApplySinkConfig(apply);
    }


    private String require(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException(key, null, "is required to reach the source database");
        }
        return value;
    }
}
