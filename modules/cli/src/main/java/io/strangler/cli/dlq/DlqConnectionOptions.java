package io.strangler.cli.dlq;

import io.strangler.core.config.ConfigFiles;
import io.strangler.core.config.StranglerConfig;
import io.strangler.core.registry.RestSchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Option;

/**
 * How {@code strangler dlq list} and {@code replay} reach the cluster: the same properties file the processors run
 * with (any of them: they all carry bootstrap.servers and schema.registry.url), with flags and {@code --set} over it.
 */
final class DlqConnectionOptions {

    /** Kafka client settings a properties file may carry for reaching a secured cluster. */
    private static final String[] CLIENT_KEY_PREFIXES = {"security.", "sasl.", "ssl."};

    @Option(names = "--config", paramLabel = "FILE",
            description = "A processor's or strangler sync's properties file: bootstrap.servers, schema.registry.url,"
                    + " strangler.topic.prefix and any security.*/sasl.*/ssl.* keys are read from it.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka brokers (overrides bootstrap.servers from --config).")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "Schema registry URL (overrides schema.registry.url): dead letters are Avro.")
    String schemaRegistry;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Topic prefix (overrides strangler.topic.prefix; default strangler).")
    String prefix;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for the cluster before giving up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The settings, from the file, then {@code overrides} ({@code --set}), then the flags above. */
    DlqSettings settings(Map<String, String> overrides) {
        // read(file, overrides) resolves ${env:...} and ${file:...} in the overrides as in the file
        Map<String, String> values = config == null ? new LinkedHashMap<>(overrides)
                : ConfigFiles.read(config, overrides);
        Map<String, Object> client = new HashMap<>();
        values.forEach((key, value) -> {
            for (String clientPrefix : CLIENT_KEY_PREFIXES) {
                if (key.startsWith(clientPrefix)) {
                    client.put(key, value);
                }
            }
        });
        String servers = first(bootstrapServers, values.get(StranglerConfig.BOOTSTRAP_SERVERS));
        if (servers == null) {
            throw new ConfigException(StranglerConfig.BOOTSTRAP_SERVERS, null, "is required: give --bootstrap-servers"
                    + (config == null ? " or --config FILE" : " (" + config + " does not set it)"));
        }
        String registry = first(schemaRegistry, values.get(StranglerConfig.SCHEMA_REGISTRY_URL));
        if (registry == null) {
            throw new ConfigException(StranglerConfig.SCHEMA_REGISTRY_URL, null, "is required to read dead letters"
                    + " (Avro): give --schema-registry" + (config == null ? " or --config FILE"
                    : " (" + config + " does not set it)"));
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException("--timeout", timeout.toString(), "must be positive");
        }
        return new DlqSettings(servers, registry,
                Optional.ofNullable(values.get(RestSchemaRegistryClient.USER_INFO_CONFIG)).filter(s -> !s.isBlank()),
                first(prefix, values.getOrDefault(StranglerConfig.TOPIC_PREFIX, StranglerConfig.DEFAULT_TOPIC_PREFIX)),
                client, timeout);
    }

    private static String first(String flag, String fromFile) {
        String value = flag != null ? flag : fromFile;
        return value == null || value.isBlank() ? null : value.trim();
    }
}
