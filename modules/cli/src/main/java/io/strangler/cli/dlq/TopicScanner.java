package io.strangler.cli.dlq;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic once, from the beginning to the end offsets it had when the scan started, with a group-less
 * consumer (assign, no commits): listing leaves no trace on the cluster and always terminates, however fast the topic
 * grows meanwhile. Read committed, because processors write with exactly-once and an aborted record never happened.
 */
final class TopicScanner implements AutoCloseable {

    private final DlqSettings settings;
    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicScanner(DlqSettings settings) {
        this.settings = settings;
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "strangler-dlq-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Hands every record of {@code topic} to {@code each}, in offset order per partition; a topic that does not exist
     * is empty (nothing has dead-lettered yet).
     */
    void scan(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        List<TopicPartition> partitions;
        Map<TopicPartition, Long> ends;
        try {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(settings.timeout());
            if (!topics.containsKey(topic)) {
                return;
            }
            partitions = topics.get(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
            ends = consumer.endOffsets(partitions, settings.timeout());
        } catch (KafkaException e) {
            throw unreachable(e);
        }
        for (TopicPartition partition : partitions) {
            long end = ends.getOrDefault(partition, 0L);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            try {
                // position() skips transaction markers and aborted records, which no poll returns
                while (consumer.position(partition, settings.timeout()) < end) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    if (records.isEmpty()) {
                        if (System.nanoTime() > deadline) {
                            throw new DlqUnavailableException("reading " + partition + " from "
                                    + settings.bootstrapServers() + ": no progress towards offset " + end + " within "
                                    + settings.timeout(), null);
                        }
                        continue;
                    }
                    deadline = System.nanoTime() + settings.timeout().toNanos();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (record.offset() < end) {
                            each.accept(record);
                        }
                    }
                }
            } catch (KafkaException e) {
                throw unreachable(e);
            }
        }
        consumer.assign(List.of());
    }

    private DlqUnavailableException unreachable(KafkaException e) {
        return new DlqUnavailableException("cannot read from Kafka at " + settings.bootstrapServers() + " within "
                + settings.timeout() + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
