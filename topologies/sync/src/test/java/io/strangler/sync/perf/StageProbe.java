package io.strangler.sync.perf;

import io.strangler.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where the time goes: reads one direction's capture topic and apply topic (both {@code LogAppendTime}, read
 * uncommitted, so a record's timestamp is when the broker appended it, before the exactly-once commit makes it
 * visible) and remembers, per key, the first append seen since {@link #start()}. For an insert of the phase (a new
 * key) that is the insert's own record, so per insert: intended time → capture topic → apply topic → target row.
 */
final class StageProbe implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Map<Long, Long>> firstAppend = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StageProbe(EmbeddedKafka kafka, List<String> topics) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            firstAppend.put(topic, new ConcurrentHashMap<>());
            for (PartitionInfo p : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(this::loop, "stage-probe");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.key() == null) {
                    continue;
                }
                Long id = keyId(record.key());
                if (id != null) {
                    firstAppend.get(record.topic()).putIfAbsent(id, record.timestamp() * 1_000);
                }
            }
        }
        consumer.close();
    }

    /** The key {@code {"id":42}} as 42. */
    private static Long keyId(byte[] key) {
        String text = new String(key, StandardCharsets.UTF_8);
        StringBuilder digits = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(c);
            }
        }
        return digits.isEmpty() ? null : Long.parseLong(digits.toString());
    }

    /**
     * Per-stage p50/p95/p99 (ms) over the phase's inserts: capture = intended → capture-topic append; sync = capture
     * append → apply-topic append; apply = apply append → target row (includes the exactly-once commit wait).
     */
    Map<String, Object> stages(FixedRateWriter.Phase phase, long[] arrivals, String cdcTopic, String applyTopic) {
        Map<Long, Long> cdc = firstAppend.get(cdcTopic);
        Map<Long, Long> apply = firstAppend.get(applyTopic);
        long[] capture = new long[phase.written()];
        long[] sync = new long[phase.written()];
        long[] sink = new long[phase.written()];
        int n = 0;
        for (int i = 0; i < phase.written(); i++) {
            if (phase.ops()[i] != FixedRateWriter.INSERT || arrivals[i] == 0) {
                continue;
            }
            Long c = cdc.get(phase.ids()[i]);
            Long a = apply.get(phase.ids()[i]);
            if (c == null || a == null) {
                continue;
            }
            capture[n] = c - phase.intendedMicros()[i];
            sync[n] = a - c;
            sink[n++] = arrivals[i] - a;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inserts_traced", n);
        out.put("capture_ms", percentiles(Arrays.copyOf(capture, n)));
        out.put("sync_ms", percentiles(Arrays.copyOf(sync, n)));
        out.put("commit_and_apply_ms", percentiles(Arrays.copyOf(sink, n)));
        return out;
    }

    private static Map<String, Object> percentiles(long[] micros) {
        Arrays.sort(micros);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50", Arrivals.percentileMs(micros, 0.50));
        out.put("p95", Arrivals.percentileMs(micros, 0.95));
        out.put("p99", Arrivals.percentileMs(micros, 0.99));
        return out;
    }

    /** Forgets what was seen (between phases). */
    void reset() {
        firstAppend.values().forEach(Map::clear);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
