package io.strangler.capture.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads back the latest {@link OpenTransaction} a source persisted on its compacted
 * {@code <prefix>.capture.<source>.origins} topic (one partition, keyed by source name).
 */
public final class OpenTransactionLog {

    private OpenTransactionLog() {
    }

    /**
     * The last record for {@code source}, or empty when there is none.
     *
     * @throws IllegalStateException when the topic cannot be read to its end within {@code timeout}
     */
    public static Optional<OpenTransaction> latest(Map<String, Object> clientProperties, String topic, String source,
            Duration timeout) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        TopicPartition partition = new TopicPartition(topic, 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] latest = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            while (consumer.position(partition, timeout) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms reading " + topic);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && source.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        latest = record.value();
                    }
                }
            }
        }
        return latest == null ? Optional.empty() : Optional.of(OpenTransaction.decode(latest));
    }
}
