package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.schemas.ApplyCommand;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A quick throughput figure: 20,000 upserts and deletes already on the topic, drained by one sink on each engine.
 * Prints one JSON line per engine; the floor only catches gross regressions on a busy 2-core machine.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class ApplyThroughputIT {

    private static final Logger LOGGER = LoggerFactory.getLogger(ApplyThroughputIT.class);
    private static final int COMMANDS = 20_000;

    @Test
    void shouldDrainTwentyThousandCommandsQuicklyOnPostgres(@Postgres TestDatabase db, TestKafka kafka) throws Exception {
        drain("postgresql", db, kafka, "public", "CREATE TABLE bench (id bigint PRIMARY KEY, name varchar(64), qty integer, price numeric(10,2))");
    }

    @Test
    void shouldDrainTwentyThousandCommandsQuicklyOnMariaDb(@MariaDb TestDatabase db, TestKafka kafka) throws Exception {
        drain("mariadb", db, kafka, db.database(), "CREATE TABLE bench (id BIGINT PRIMARY KEY, name VARCHAR(64), qty INT, price DECIMAL(10,2))");
    }

    @Test
    void shouldApplyATrickleOfCommandsWithinMilliseconds(@Postgres TestDatabase db, TestKafka kafka) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE trickle (id bigint PRIMARY KEY, name varchar(64))");
        }
        try (ApplyFixture fixture = new ApplyFixture(kafka, "trickle", 1);
             ApplySink sink = fixture.sink(fixture.config(db))) {
            // Given a running sink
            sink.start();
            fixture.produce(List.of(fixture.upsert("public", "trickle", Map.of("id", 0L), Map.of("id", 0L, "name", "warm-up"))));
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.status().recordsCommitted() == 1);

            // When 300 single commands arrive 10 ms apart, each stamped with its send time as origin commit
            for (long id = 1; id <= 300; id++) {
                fixture.produce(List.of(fixture.upsert("public", "trickle", Map.of("id", id), Map.of("id", id, "name", "n" + id))));
                TimeUnit.MILLISECONDS.sleep(10); // pacing the load, not waiting for a condition
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.status().recordsCommitted() == 301);

            // Then origin → target commit latency stays in the tens of milliseconds
            var snapshot = sink.meterRegistry().get("strangler.apply.latency").timer().takeSnapshot();
            double p50 = 0;
            double p99 = 0;
            StringBuilder percentiles = new StringBuilder();
            for (var value : snapshot.percentileValues()) {
                double ms = value.value(TimeUnit.MILLISECONDS);
                percentiles.append(String.format(Locale.ROOT, ",\"p%.0f\":%.1f", value.percentile() * 100, ms));
                if (value.percentile() == 0.5) {
                    p50 = ms;
                }
                if (value.percentile() == 0.99) {
                    p99 = ms;
                }
            }
            LOGGER.info("{\"scenario\":\"apply-trickle\",\"engine\":\"postgresql\",\"commands\":300,\"intervalMs\":10,"
                    + "\"latencyMs\":{\"mean\":" + String.format(Locale.ROOT, "%.1f", snapshot.mean(TimeUnit.MILLISECONDS))
                    + percentiles + "}}");
            assertThat(p50).isPositive().isLessThan(1_000);
            assertThat(p99).isGreaterThanOrEqualTo(p50);
        }
    }

    private static void drain(String engine, TestDatabase db, TestKafka kafka, String schema, String ddl) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(ddl);
        }
        try (ApplyFixture fixture = new ApplyFixture(kafka, "bench", 4)) {
            // Given 20,000 commands on 4 partitions: 16,000 upserts of distinct rows, then 4,000 deletes
            List<ApplyCommand> commands = new ArrayList<>(COMMANDS);
            for (long id = 1; id <= 16_000; id++) {
                commands.add(fixture.upsert(schema, "bench", Map.of("id", id),
                        Map.of("id", id, "name", "name-" + id, "qty", id % 100, "price", (id % 1000) + ".25")));
            }
            for (long id = 1; id <= 4_000; id++) {
                commands.add(fixture.delete(schema, "bench", Map.of("id", id * 4)));
            }
            fixture.produce(commands);

            // When one sink drains them
            Map<String, Object> config = fixture.config(db);
            config.put(ApplySinkConfig.BATCH_SIZE, 1_000);
            try (ApplySink sink = fixture.sink(config)) {
                long started = System.nanoTime();
                sink.start();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> sink.status().recordsCommitted() == COMMANDS);
                double seconds = (System.nanoTime() - started) / 1e9;
                double perSecond = COMMANDS / seconds;
                var batchWrite = sink.meterRegistry().get("strangler.apply.batch.write").timer();
                var latency = sink.meterRegistry().get("strangler.apply.latency").timer();
                LOGGER.info(String.format(Locale.ROOT, "{\"scenario\":\"apply-drain\",\"engine\":\"%s\",\"commands\":%d,"
                                + "\"seconds\":%.2f,\"commandsPerSecond\":%.0f,\"batches\":%d,\"meanBatchWriteMs\":%.1f,"
                                + "\"maxBatchWriteMs\":%.1f}", engine, COMMANDS, seconds, perSecond, batchWrite.count(),
                        batchWrite.mean(TimeUnit.MILLISECONDS), batchWrite.max(TimeUnit.MILLISECONDS)));

                // Then the table holds the 12,000 surviving rows and the meters and JMX saw every record
                try (Connection c = db.connect(); Statement s = c.createStatement();
                     var rs = s.executeQuery("SELECT count(*) FROM bench")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(12_000);
                }
                assertThat(latency.count()).isPositive();
                assertThat(sink.meterRegistry().get("strangler.apply.records").counter().count()).isEqualTo(COMMANDS);
                ObjectName name = new ObjectName("io.strangler:type=ApplySink,target=" + ObjectName.quote(fixture.target));
                assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(name, "RecordsCommitted"))
                        .isEqualTo((long) COMMANDS);
                assertThat(perSecond).as("commands per second").isGreaterThan(500);
            }
        }
    }
}
