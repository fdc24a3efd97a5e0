package io.strangler.sync;

import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the committed records of a topic, e.g. the dead letters of {@link SampleMonolithSyncIT}. */
final class CommittedRecords {

    private CommittedRecords() {
    }

    /** Records a read_committed consumer sees on {@code topic} from the beginning: aborted transactions do not count. */
    static long count(TestKafka kafka, String topic) {
        AtomicLong count = new AtomicLong();
        forEach(kafka, topic, record -> count.incrementAndGet());
        return count.get();
    }

    /**
     * Hands every record a read_committed consumer sees on {@code topic}, from the beginning to the end it has now, to
     * {@code action}, in order per partition.
     *
     * @throws AssertionError when the end is not reached within 30 s
     */
    static void forEach(TestKafka kafka, String topic, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long read = 0;
            // an open transaction of a killed sync holds the read_committed end back until its timeout aborts it
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " in 30 s (read "
                            + read + " records)");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    action.accept(record);
                    read++;
                }
            }
        }
    }
}
