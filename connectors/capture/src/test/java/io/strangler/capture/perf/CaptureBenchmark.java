package io.strangler.capture.perf;

import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.capture.CaptureConfig;
import io.strangler.capture.CaptureProcessor;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.serde.AvroDeserializer;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedKafka;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * perf/01-capture: the sample monolith on embedded PostgreSQL under a sustained SampleWorkload, captured to an
 * embedded broker. Phase 1 runs the workload as fast as one connection goes and reports captured changes/s;
 * phase 2 runs it at a fixed rate and reports commit → visible-on-topic latency (a consumer's receive time minus
 * the source commit time, both on this machine's clock) and the processor's own commit → ack lag. Prints JSON.
 *
 * <p>Args: {@code [throughputSeconds=20] [latencySeconds=20] [latencyOpsPerSecond=100] [rowsPerTable=100]}.
 */
public final class CaptureBenchmark {

    private CaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int throughputSeconds = arg(args, 0, 20);
        int latencySeconds = arg(args, 1, 20);
        int latencyRate = arg(args, 2, 100);
        int rowsPerTable = arg(args, 3, 100);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()
                     .withServerConfig("synchronous_commit", "on"));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory()) {
            DatabaseInfo db = postgres.createDatabase("bench");
            long generated;
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                SampleMonolith.createSchema(connection);
                generated = new SampleDataGenerator(7, rowsPerTable).generate(connection).values().stream()
                        .mapToLong(Long::longValue).sum();
                for (String table : SampleMonolith.tableNames()) {
                    statement.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
                }
            }
            Map<String, String> props = new HashMap<>();
            props.put(CaptureConfig.SOURCE_NAME, "monolith");
            props.put(CaptureConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            props.put(CaptureConfig.SCHEMA_REGISTRY_URL, registry.url());
            props.put(CaptureConfig.METRICS_JMX_ENABLED, "false");
            props.put("database.hostname", db.host());
            props.put("database.port", Integer.toString(db.port()));
            props.put("database.user", db.user());
            props.put("database.password", db.password());
            props.put("database.dbname", db.database());
            props.put("table.include.list", String.join(",", SampleMonolith.tableNames().stream()
                    .map(t -> "public." + t).toList()));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (LatencyConsumer consumer = new LatencyConsumer(kafka.bootstrapServers(), registry.url());
                 CaptureProcessor capture = new CaptureProcessor(new CaptureConfig(props), meters)) {
                long started = System.nanoTime();
                capture.start();
                await(() -> consumer.reads.get() >= generated, Duration.ofMinutes(2));
                double snapshotSeconds = (System.nanoTime() - started) / 1e9;

                // Phase 1: as fast as the workload goes
                SampleWorkload fast = new SampleWorkload(SampleWorkload.Config.of(11, rowsPerTable, 1_000_000_000L));
                long before = consumer.streamed.get();
                long t0 = System.nanoTime();
                SampleWorkload.Result result;
                try (Connection connection = db.connect()) {
                    result = fast.run(connection, Long.MAX_VALUE, Duration.ofSeconds(throughputSeconds));
                }
                long changes = result.rowsInserted() + result.rowsUpdated() + result.rowsDeleted();
                double workloadSeconds = (System.nanoTime() - t0) / 1e9;
                await(() -> consumer.streamed.get() - before >= changes, Duration.ofMinutes(5));
                double captureSeconds = (System.nanoTime() - t0) / 1e9;

                // Phase 2: a fixed rate, for latency
                consumer.latencies.clear();
                SampleWorkload steady = new SampleWorkload(SampleWorkload.Config.of(12, rowsPerTable, 2_000_000_000L)
                        .withOperationsPerSecond(latencyRate));
                long before2 = consumer.streamed.get();
                SampleWorkload.Result steadyResult;
                try (Connection connection = db.connect()) {
                    steadyResult = steady.run(connection, Long.MAX_VALUE, Duration.ofSeconds(latencySeconds));
                }
                long steadyChanges = steadyResult.rowsInserted() + steadyResult.rowsUpdated() + steadyResult.rowsDeleted();
                await(() -> consumer.streamed.get() - before2 >= steadyChanges, Duration.ofMinutes(2));

                Map<String, Object> out = new LinkedHashMap<>();
                out.put("scenario", "01-capture");
                out.put("rows_per_table", rowsPerTable);
                out.put("snapshot_rows", generated);
                out.put("snapshot_seconds", round(snapshotSeconds));
                out.put("throughput_changes", changes);
                out.put("throughput_workload_changes_per_s", round(changes / workloadSeconds));
                out.put("throughput_captured_changes_per_s", round(changes / captureSeconds));
                out.put("latency_ops_per_s", latencyRate);
                out.put("latency_changes", steadyChanges);
                out.put("latency_changes_per_s", round(steadyChanges / (double) latencySeconds));
                long[] sorted = consumer.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                out.put("commit_to_topic_ms_p50", percentileMs(sorted, 0.50));
                out.put("commit_to_topic_ms_p95", percentileMs(sorted, 0.95));
                out.put("commit_to_topic_ms_p99", percentileMs(sorted, 0.99));
                out.put("commit_to_topic_ms_max", percentileMs(sorted, 1.0));
                for (ValueAtPercentile p : capture.metrics().lag().takeSnapshot().percentileValues()) {
                    out.put("processor_commit_to_ack_ms_p" + Math.round(p.percentile() * 100) + "_last_minute",
                            round(p.value(TimeUnit.MILLISECONDS)));
                }
                System.out.println(toJson(out));
            }
        }
    }

    /** Reads every change topic; keeps commit → receive latency of streamed changes. */
    private static final class LatencyConsumer implements AutoCloseable {
        final AtomicLong reads = new AtomicLong();
        final AtomicLong streamed = new AtomicLong();
        final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        LatencyConsumer(String bootstrap, String registryUrl) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "perf-01-capture");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new ByteArrayDeserializer());
            AvroDeserializer<RowChange> values = new AvroDeserializer<>(RestSchemaRegistryClient.create(registryUrl),
                    RowChange.class, false);
            consumer.subscribe(Pattern.compile("strangler\\.cdc\\.monolith\\.public\\..*"));
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                            long nowMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
                            RowChange change = values.deserialize(record.topic(), record.value());
                            if (change.getOp() == Operation.READ) {
                                reads.incrementAndGet();
                            } else {
                                streamed.incrementAndGet();
                                latencies.add(nowMicros - change.getSourceCommitMicros());
                            }
                        }
                    }
                }
            }, "perf-consumer");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout);
            }
            Thread.sleep(10);
        }
    }

    private static double percentileMs(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return -1;
        }
        int index = (int) Math.min(sortedMicros.length - 1, Math.ceil(p * sortedMicros.length) - 1);
        return round(sortedMicros[Math.max(0, index)] / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static String toJson(Map<String, Object> values) {
        StringBuilder out = new StringBuilder("{");
        values.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(key).append("\": ");
            out.append(value instanceof String s ? "\"" + s + "\"" : String.format(Locale.ROOT, "%s", value));
        });
        return out.append('}').toString();
    }

}
