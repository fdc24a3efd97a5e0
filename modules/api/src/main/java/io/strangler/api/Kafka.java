package io.strangler.api;

import io.strangler.core.config.StranglerConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka cluster and schema registry every processor talks to, and the prefix of Strangler's topics.
 *
 * <pre>{@code
 * Kafka kafka = Kafka.of("localhost:9092", "http://localhost:8081");          // topics strangler.*
 * Kafka tenant = Kafka.of("localhost:9092", "http://localhost:8081").withTopicPrefix("shop-migration");
 * }</pre>
 *
 * @param bootstrapServers  {@code host:port[,host:port...]}
 * @param schemaRegistryUrl a Confluent-compatible registry (or Strangler's embedded one)
 * @param topicPrefix       the first part of every topic name; one per migration sharing a cluster
 */
public record Kafka(String bootstrapServers, String schemaRegistryUrl, String topicPrefix) {

    public Kafka {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new InvalidSettingException("kafka.bootstrapServers", "is required, e.g. localhost:9092");
        }
        if (schemaRegistryUrl == null || !(schemaRegistryUrl.startsWith("http://")
                || schemaRegistryUrl.startsWith("https://"))) {
            throw new InvalidSettingException("kafka.schemaRegistryUrl", "must be an http(s) URL, got '"
                    + schemaRegistryUrl + "'");
        }
        try {
            URI.create(schemaRegistryUrl);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("kafka.schemaRegistryUrl", "is not a URL: " + e.getMessage(), e);
        }
        if (topicPrefix == null || !topicPrefix.matches("[A-Za-z0-9_.-]+")) {
            throw new InvalidSettingException("kafka.topicPrefix", "must be letters, digits, '_', '.' or '-', got '"
                    + topicPrefix + "'");
        }
    }

    /** Topics under the default prefix {@value StranglerConfig#DEFAULT_TOPIC_PREFIX}. */
    public static Kafka of(String bootstrapServers, String schemaRegistryUrl) {
        return new Kafka(bootstrapServers, schemaRegistryUrl, StranglerConfig.DEFAULT_TOPIC_PREFIX);
    }

    public Kafka withTopicPrefix(String prefix) {
        return new Kafka(bootstrapServers, schemaRegistryUrl, prefix);
    }

    /** The common keys of a processor's configuration file. */
    Map<String, String> properties() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(StranglerConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        values.put(StranglerConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        values.put(StranglerConfig.TOPIC_PREFIX, topicPrefix);
        return values;
    }
}
