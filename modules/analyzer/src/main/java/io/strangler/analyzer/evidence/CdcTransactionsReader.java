package io.strangler.analyzer.evidence;

import io.strangler.core.topic.Topic;
import io.strangler.schemas.RowChange;
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
 * Transaction boundaries from capture: its {@code <prefix>.cdc.<source>.transactions} topic, where every END event
 * names the tables its transaction changed ({@code tableEventCounts}), which is exactly the co-write evidence; or
 * the change topics themselves, grouped by {@code RowChange.transactionId}. Reads topics from the beginning to the end
 * offsets they had when reading started, without a consumer group (nothing is committed).
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
     * Reads the whole transactions topic as it is now.
     *
     * @param consumerConfig at least {@code bootstrap.servers}; security settings as for any client
     * @param timeout        how long to wait for the end offsets to be reached
     */
    public static WorkloadEvidence read(Map<String, Object> consumerConfig, Topic<String, TransactionEvent> topic,
            TableResolver resolver, Duration timeout) {
        List<TransactionEvent> events = new ArrayList<>();
        Outcome outcome = readAll(consumerConfig, List.of(topic), events, timeout);
        if (outcome == Outcome.MISSING) {
            return WorkloadEvidence.note("cdc transactions: topic " + topic.name() + " does not exist; no transaction"
                    + " evidence");
        }
        WorkloadEvidence evidence = fromEvents(events, resolver);
        return outcome == Outcome.TIMED_OUT ? evidence.plus(WorkloadEvidence.note("cdc transactions: stopped reading "
                + topic.name() + " after " + timeout.toSeconds() + " s before its end; the evidence is partial")) : evidence;
    }

    /**
     * Transaction evidence from the change topics themselves, for sources whose transactions topic is missing or
     * empty: changes with the same {@code transactionId} were written together. Snapshot rows and changes without a
     * transaction id are skipped.
     */
    public static WorkloadEvidence fromRowChanges(Iterable<RowChange> changes, TableResolver resolver) {
        Map<String, TreeSet<TableName>> byTransaction = new java.util.LinkedHashMap<>();
        Map<String, Long> unknown = new HashMap<>();
        long withoutId = 0;
        for (RowChange change : changes) {
            if (change.getOp() == io.strangler.schemas.Operation.READ) {
                continue;
            }
            if (change.getTransactionId() == null) {
                withoutId++;
                continue;
            }
            String qualified = change.getSchema$() + "." + change.getTable();
            resolver.resolve("\"" + change.getSchema$() + "\"", "\"" + change.getTable() + "\"").ifPresentOrElse(
                    table -> byTransaction.computeIfAbsent(change.getTransactionId(), id -> new TreeSet<>()).add(table),
                    () -> unknown.merge(qualified, 1L, Long::sum));
        }
        Map<List<TableName>, Long> patterns = new HashMap<>();
        byTransaction.values().forEach(tables -> patterns.merge(List.copyOf(tables), 1L, Long::sum));
        List<TransactionPattern> transactions = new ArrayList<>();
        patterns.forEach((tables, count) -> transactions.add(new TransactionPattern(tables, count)));
        ParseStats stats = new ParseStats(0, 0, 0, 0, 0, List.of(), ParseStats.topCounts(unknown), 0, 0);
        List<String> notes = withoutId == 0 ? List.of() : List.of("cdc changes: " + withoutId + " change(s) carried no"
                + " transaction id and were not counted");
        return new WorkloadEvidence(List.of(), WorkloadEvidence.sortedTransactions(transactions), stats, notes);
    }

    /** Reads the change topics of {@code topics} (those that exist) as they are now, grouped by transaction id. */
    public static WorkloadEvidence readRowChanges(Map<String, Object> consumerConfig,
            List<Topic<String, RowChange>> topics, TableResolver resolver, Duration timeout) {
        List<RowChange> changes = new ArrayList<>();
        Outcome outcome = readAll(consumerConfig, topics, changes, timeout);
        if (outcome == Outcome.MISSING) {
            return WorkloadEvidence.note("cdc changes: none of the " + topics.size() + " change topics exists; no"
                    + " transaction evidence");
        }
        WorkloadEvidence evidence = fromRowChanges(changes, resolver);
        return outcome == Outcome.TIMED_OUT ? evidence.plus(WorkloadEvidence.note("cdc changes: stopped reading after "
                + timeout.toSeconds() + " s before the topics' end; the evidence is partial")) : evidence;
    }

    private enum Outcome { COMPLETE, TIMED_OUT, MISSING }

    private static <V> Outcome readAll(Map<String, Object> consumerConfig, List<Topic<String, V>> topics, List<V> into,
            Duration timeout) {
        if (topics.isEmpty()) {
            return Outcome.MISSING;
        }
        Properties props = new Properties();
        props.putAll(consumerConfig);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "strangler-analyzer");
        Topic<String, V> first = topics.get(0);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, first.keySerde().deserializer(),
                first.valueSerde().deserializer())) {
            java.util.Set<String> existing = consumer.listTopics(timeout).keySet();
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<String, V> topic : topics) {
                if (existing.contains(topic.name())) {
                    consumer.partitionsFor(topic.name(), timeout)
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            if (partitions.isEmpty()) {
                return Outcome.MISSING;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    return Outcome.TIMED_OUT;
                }
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        into.add(record.value());
                    }
                }
            }
            return Outcome.COMPLETE;
        }
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
