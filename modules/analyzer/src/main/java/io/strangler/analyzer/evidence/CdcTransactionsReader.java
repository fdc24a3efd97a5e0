package io.strangler.analyzer.evidence;

import io.strangler.core.topic.Topic;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Transaction boundaries from capture's {@code <prefix>.cdc.<source>.transactions} topic: every END event names the
 * tables its transaction changed ({@code tableEventCounts}), which is exactly the co-write evidence. Reads the topic
 * from the beginning to the end offsets it had when reading started, without a consumer group (nothing is committed).
 */
public final class CdcTransactionsReader {

    private CdcTransactionsReader() {
    }

    /** The evidence in already-read events; tables outside the catalogue are counted as unknown. */
    public static WorkloadEvidence fromEvents(Iterable<TransactionEvent> events, TableResolver resolver) {
        Map<List<TableName>, Long> patterns = new HashMap<>();
        Map<String, Long> unknown = new HashMap<>();
        long ends = 0;
        for (TransactionEvent event : events) {
            if (event.getStatus() != TransactionStatus.END) {
                continue;
            }
            ends++;
            TreeSet<TableName> tables = new TreeSet<>();
            for (CharSequence qualified : event.getTableEventCounts().keySet()) {
                List<String> parts = StatementParser.splitQualified(qualified.toString());
                String schema = parts.size() >= 2 ? "\"" + parts.get(parts.size() - 2) + "\"" : null;
                String name = parts.isEmpty() ? "" : "\"" + parts.get(parts.size() - 1) + "\"";
                resolver.resolve(schema, name).ifPresentOrElse(tables::add,
                        () -> unknown.merge(qualified.toString(), 1L, Long::sum));
            }
            if (!tables.isEmpty()) {
                patterns.merge(List.copyOf(tables), 1L, Long::sum);
            }
        }
        List<TransactionPattern> transactions = new ArrayList<>();
        patterns.forEach((tables, count) -> transactions.add(new TransactionPattern(tables, count)));
        ParseStats stats = new ParseStats(0, 0, 0, 0, 0, List.of(), ParseStats.topCounts(unknown), 0, 0);
        List<String> notes = ends == 0 ? List.of("cdc transactions: no END events found; no transaction evidence")
                : List.of();
        return new WorkloadEvidence(List.of(), WorkloadEvidence.sortedTransactions(transactions), stats, notes);
    }

    /**
     * Reads the whole topic as it is now.
     *
     * @param consumerConfig at least {@code bootstrap.servers}; security settings as for any client
     * @param timeout        how long to wait for the end offsets to be reached
     */
    public static WorkloadEvidence read(Map<String, Object> consumerConfig, Topic<String, TransactionEvent> topic,
            TableResolver resolver, Duration timeout) {
        Properties props = new Properties();
        props.putAll(consumerConfig);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "strangler-analyzer");
        List<TransactionEvent> events = new ArrayList<>();
        boolean timedOut = false;
        try (KafkaConsumer<String, TransactionEvent> consumer = new KafkaConsumer<>(props,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return WorkloadEvidence.note("cdc transactions: topic " + topic.name() + " does not exist; no transaction"
                        + " evidence");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    timedOut = true;
                    break;
                }
                for (ConsumerRecord<String, TransactionEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        events.add(record.value());
                    }
                }
            }
        }
        WorkloadEvidence evidence = fromEvents(events, resolver);
        return timedOut ? evidence.plus(WorkloadEvidence.note("cdc transactions: stopped reading " + topic.name()
                + " after " + timeout.toSeconds() + " s before its end; the evidence is partial")) : evidence;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
