package io.strangler.cli.status;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code strangler status} looks: the cluster, the registry (optional: without it only lags are shown), the
 * topic prefix, the names of the sync and auditor groups (to label them), the Kafka client settings to connect with
 * (security etc.) and how long to wait for the cluster.
 */
record StatusSettings(String bootstrapServers, Optional<String> schemaRegistryUrl, String topicPrefix,
                      Optional<String> syncApplicationId, Optional<String> consistencyApplicationId,
                      Map<String, Object> clientProperties, Duration timeout) {

    StatusSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap.servers is required: give --bootstrap-servers or a --config"
                    + " file that sets it");
        }
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        clientProperties = Map.copyOf(clientProperties);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive, was " + timeout);
        }
    }
}
