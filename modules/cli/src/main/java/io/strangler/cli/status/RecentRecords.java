package io.strangler.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads slices of topics with a group-less consumer (assign and seek, nothing committed): the records since a time,
 * the last few of each partition, the first record a group has not consumed yet. Every read is bounded by a record
 * cap and by the timeout, so that a huge or unreachable topic slows the status down but never hangs it.
 */
final class RecentRecords {

    /** What was read, and whether the cap cut it short (counts are then lower bounds). */
    record Slice(List<ConsumerRecord<byte[], byte[]>> records, boolean capped) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;

    RecentRecords(KafkaConsumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    long beginning(TopicPartition partition) {
        return consumer.beginningOffsets(List.of(partition), timeout).getOrDefault(partition, 0L);
    }

    /** Records retained on {@code partitions}: end minus beginning offsets (transaction markers included). */
    long retained(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, timeout);
        return partitions.stream().mapToLong(p -> ends.getOrDefault(p, 0L) - beginnings.getOrDefault(p, 0L)).sum();
    }

    /** Records with a timestamp at or after {@code since}, of at most {@code cap} read. */
    Slice since(List<TopicPartition> partitions, Instant since, int cap) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since.toEpochMilli()));
        Map<TopicPartition, Long> starts = new HashMap<>();
        consumer.offsetsForTimes(query, timeout).forEach((partition, found) -> {
            if (found != null) {
                starts.put(partition, found.offset());
            }
        });
        // offsetsForTimes finds the first record at or after the time; later ones may carry older timestamps
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Slice slice = read(starts, cap);
        slice.records().stream().filter(record -> record.timestamp() >= since.toEpochMilli()).forEach(records::add);
        return new Slice(records, slice.capped());
    }

    /** The last {@code perPartition} offsets of each partition (fewer records where markers sit among them). */
    Slice last(List<TopicPartition> partitions, int perPartition) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long end = ends.getOrDefault(partition, 0L);
            long start = Math.max(beginnings.getOrDefault(partition, 0L), end - perPartition);
            if (end > start) {
                starts.put(partition, start);
            }
        }
        return read(starts, perPartition * Math.max(1, partitions.size()));
    }

    /** The timestamp of the oldest record at or after each position: how long the oldest unconsumed one waited. */
    Optional<Instant> oldestTimestamp(Map<TopicPartition, Long> positions) {
        if (positions.isEmpty()) {
            return Optional.empty();
        }
        Map<TopicPartition, Long> pending = new HashMap<>(positions);
        consumer.assign(pending.keySet());
        pending.forEach(consumer::seek);
        Long oldest = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (pending.remove(partition) != null) {
                    oldest = oldest == null ? record.timestamp() : Math.min(oldest, record.timestamp());
                    consumer.pause(List.of(partition));
                }
            }
            // a partition whose remaining offsets are only transaction markers has no record to wait for
            pending.keySet().removeIf(partition -> consumer.position(partition, timeout)
                    >= consumer.endOffsets(List.of(partition), timeout).get(partition));
        }
        consumer.unsubscribe();
        return Optional.ofNullable(oldest).map(Instant::ofEpochMilli);
    }

    private Slice read(Map<TopicPartition, Long> starts, int cap) {
        if (starts.isEmpty()) {
            return new Slice(List.of(), false);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(starts.keySet(), timeout);
        consumer.assign(starts.keySet());
        starts.forEach(consumer::seek);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean capped = false;
        while (System.nanoTime() < deadline) {
            boolean done = starts.keySet().stream()
                    .allMatch(partition -> consumer.position(partition, timeout) >= ends.get(partition));
            if (done) {
                break;
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            }
            if (records.size() >= cap) {
                capped = true;
                break;
            }
        }
        consumer.unsubscribe();
        return new Slice(records, capped);
    }
}
