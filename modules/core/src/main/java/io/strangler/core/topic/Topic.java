package io.strangler.core.topic;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its keys and values, shared by producers, topologies and tests so that topic names
 * and formats are declared once.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Topic {
        TopicNames.validateTopicName(name);
        Objects.requireNonNull(keySerde, () -> "keySerde of topic " + name);
        Objects.requireNonNull(valueSerde, () -> "valueSerde of topic " + name);
    }
}
