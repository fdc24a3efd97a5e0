package io.strangler.cli.dlq;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code strangler dlq} reads and writes: the cluster, the schema registry (the dead letters are Avro), the
 * topic prefix, the Kafka client settings to connect with (security etc.) and how long to wait for the cluster.
 */
record DlqSettings(String bootstrapServers, String schemaRegistryUrl, Optional<String> registryUserInfo,
                   String topicPrefix, Map<String, Object> clientProperties, Duration timeout) {

    DlqSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        clientProperties = Map.copyOf(clientProperties);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive, was " + timeout);
        }
    }
}
