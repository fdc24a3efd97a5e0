package io.strangler.cli.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;

/** Measures the broker's produce-to-consume round trip with a timestamped record, as a liveness figure. */
final class KafkaProbe implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<Long, Long> producer;
    private final KafkaConsumer<Long, Long> consumer;

    KafkaProbe(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0), new LongSerializer(), new LongSerializer());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "strangler-demo-probe",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new LongDeserializer(), new LongDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Round-trip time of one record in milliseconds, or -1 when it did not come back within the timeout. */
    double roundTripMillis(Duration timeout) throws InterruptedException {
        long sent = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(topic, sent, sent)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
        long deadline = sent + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<Long, Long> record : consumer.poll(Duration.ofMillis(50))) {
                if (record.value() == sent) {
                    return (System.nanoTime() - sent) / 1e6;
                }
            }
        }
        return -1;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
        consumer.close(Duration.ofSeconds(2));
    }
}
