package io.strangler.capture.internal;

import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.core.topic.KeyPartitioner;
import io.strangler.core.topic.TopicCreator;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Capture's idempotent producer (acks=all) with the Avro serializers of its three value types. Values are
 * serialized before sending so that a value the registry or Avro rejects is a per-record failure the caller can
 * dead-letter, not a broken producer.
 *
 * <p>A sink lives for one engine run: after a failed send its producer may hold sequence state the broker no longer
 * agrees with, so the run ends, {@link #abort()} drops the producer, and the next run gets a new sink (and with it a
 * new producer id) and replays from the last committed offset.
 */
public final class KafkaSink implements AutoCloseable {

    /** Creates real Kafka producers. */
    public static final Function<Map<String, Object>, Producer<byte[], byte[]>> KAFKA_PRODUCERS =
            config -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());

    private final Producer<byte[], byte[]> producer;
    private final TopicCreator topics;
    private final Serializer<RowChange> rowChanges;
    private final Serializer<TransactionEvent> transactions;
    private final Serializer<DeadLetter> deadLetters;

    public KafkaSink(Map<String, Object> clientProperties, SchemaRegistryClient registry, String clientId,
            int partitions, short replicationFactor, Duration deliveryTimeout) {
        this(clientProperties, registry, clientId, partitions, replicationFactor, deliveryTimeout, KAFKA_PRODUCERS);
    }

    /** With the producer made by {@code producers} from the complete producer configuration (a test seam). */
    public KafkaSink(Map<String, Object> clientProperties, SchemaRegistryClient registry, String clientId,
            int partitions, short replicationFactor, Duration deliveryTimeout,
            Function<Map<String, Object>, Producer<byte[], byte[]>> producers) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, deliveryTimeout.toMillis()));
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(30_000, deliveryTimeout.toMillis() - 1));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.topics = new TopicCreator(clientProperties, partitions, replicationFactor);
        try {
            this.producer = producers.apply(props);
        } catch (RuntimeException e) {
            topics.close();
            throw e;
        }
        this.rowChanges = AvroSerdes.value(RowChange.class, registry).serializer();
        this.transactions = AvroSerdes.value(TransactionEvent.class, registry).serializer();
        this.deadLetters = AvroSerdes.value(DeadLetter.class, registry).serializer();
    }

    /** Serializes {@code value} for {@code topic}; throws on a value that cannot be written. */
    public byte[] serialize(String topic, SpecificRecord value) {
        if (value instanceof RowChange change) {
            return rowChanges.serialize(topic, change);
        }
        if (value instanceof TransactionEvent event) {
            return transactions.serialize(topic, event);
        }
        if (value instanceof DeadLetter letter) {
            return deadLetters.serialize(topic, letter);
        }
        throw new IllegalArgumentException("no serializer for " + value.getClass().getName());
    }

    /**
     * Creates the topic if needed and sends; the future completes when every in-sync replica has the record. A row
     * change goes to the partition {@link KeyPartitioner} gives its {@code rowKey}, so both sides of a mapping put one
     * logical row in the same partition number (the sync then needs no re-keying hop); anything else ({@code rowKey}
     * null) to the producer's default partition of {@code key}.
     */
    public Future<RecordMetadata> send(String topic, String key, byte[] value, CanonicalKey rowKey)
            throws InterruptedException {
        topics.ensure(topic);
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        Integer partition = rowKey == null ? null
                : KeyPartitioner.partition(rowKey, producer.partitionsFor(topic).size());
        return producer.send(new ProducerRecord<>(topic, partition, keyBytes, value));
    }

    /** Creates a one-partition compacted topic (latest value per key) if needed. */
    public void ensureCompactedTopic(String topic) throws InterruptedException {
        topics.ensure(topic, 1, Map.of("cleanup.policy", "compact"));
    }

    /**
     * Waits up to 5 s for records still in flight (there are none after a completed batch: every batch waits for its
     * acknowledgements), then closes, so that a stop with the broker gone is not held for long.
     */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /**
     * Closes without waiting: records still buffered or retrying fail instead of being written later, so a stuck
     * send (e.g. a batch the broker keeps rejecting as out of order) cannot delay the restart.
     */
    public void abort() {
        close(Duration.ZERO);
    }

    private void close(Duration timeout) {
        try {
            producer.close(timeout);
        } finally {
            topics.close();
        }
    }
}
