package io.strangler.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicate stage killed with SIGKILL in mid-stream (its own JVM) and restarted loses nothing and, thanks to
 * exactly-once processing, duplicates nothing: the committed apply commands match the committed changes one to one.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class ReplicateRestartIT {

    private static final int ROWS = 3_000;

    @Test
    void shouldLoseAndDuplicateNothingWhenTheStageIsKilledMidStreamAndRestarted(TestKafka kafka,
            @Postgres TestDatabase source, EmbeddedPostgres server, @TempDir Path dir) throws Exception {
        // Given capture and apply in this JVM and the replicate stage in a child JVM, with a writer running
        TestDatabase target = ReplicateFixture.secondPostgres(server, "rep_restart_target");
        String ddl = "CREATE TABLE item (id bigint PRIMARY KEY, v int NOT NULL, note text)";
        ReplicateFixture.execute(source, ddl, "ALTER TABLE item REPLICA IDENTITY FULL");
        ReplicateFixture.execute(target, ddl);
        try (ReplicateFixture fixture = new ReplicateFixture(kafka, dir)) {
            Map<String, String> config = fixture.config(source, target, fixture.mappingsFile("""
                    mappings:
                      - { name: item, monolith: public.item, service: public.item, direction: monolith-to-service }
                    """));
            // a killed member must leave the group quickly for the restarted stage to get the partitions
            config.put("streams.consumer.session.timeout.ms", "6000");
            config.put("streams.consumer.heartbeat.interval.ms", "1000");
            Path file = dir.resolve("replicate.properties");
            Properties properties = new Properties();
            properties.putAll(config);
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "replicate restart test");
            }
            ReplicatePipelineConfig pipelineConfig = new ReplicatePipelineConfig(config);
            try (ReplicatePipeline edges = ReplicatePipeline.create(pipelineConfig,
                    EnumSet.of(ReplicatePipeline.Part.CAPTURE, ReplicatePipeline.Part.APPLY))) {
                edges.start();
                Process child = startStage(file, dir.resolve("stage.log"));
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(source));

                // When the stage process is killed after part of the stream was replicated
                await().atMost(Duration.ofSeconds(90)).until(() -> ReplicateFixture.count(target, "public", "item") >= 300
                        || !child.isAlive());
                assertThat(child.isAlive()).as("child stage process (log: %s)", dir.resolve("stage.log")).isTrue();
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                long atKill = ReplicateFixture.count(target, "public", "item");

                // and a new stage starts from the committed state
                try (ReplicatePipeline stage = ReplicatePipeline.create(pipelineConfig,
                        EnumSet.of(ReplicatePipeline.Part.STAGE))) {
                    stage.start();
                    writer.get(120, TimeUnit.SECONDS);

                    // Then the target ends identical to the source
                    ResolvedMapping mapping = stage.plan().mappings().get(0);
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                            assertThat(ReplicateFixture.logicalHashes(target, Side.SERVICE, mapping))
                                    .isEqualTo(ReplicateFixture.logicalHashes(source, Side.MONOLITH, mapping)));
                    assertThat(atKill).isLessThan(ROWS);

                    // and every committed change produced exactly one committed apply command
                    String changes = stage.plan().sourceTopic(pipelineConfig.stage().topicNames(), mapping);
                    String commands = pipelineConfig.stage().topicNames().apply(stage.plan().target());
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                            assertThat(committedRecords(kafka, commands)).isEqualTo(committedRecords(kafka, changes)));
                    // (rows written while the snapshot ran are folded into it, so there may be fewer changes than writes)
                    assertThat(committedRecords(kafka, changes)).isGreaterThanOrEqualTo(ROWS);
                }
            }
        }
    }

    /** Non-null records a read_committed consumer sees on {@code topic}: aborted transactions do not count. */
    private static long committedRecords(TestKafka kafka, String topic) {
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
            long count = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    private static Process startStage(Path config, Path log) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-Xmx384m", "-cp", classpath,
                ReplicatePipeline.class.getName(), config.toString(), "stage"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Inserts ROWS rows and updates every third one, in small transactions spread over a few seconds. */
    private static void write(TestDatabase db) {
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO item VALUES (?, ?, ?)");
             PreparedStatement update = connection.prepareStatement("UPDATE item SET v = v + 1, note = ? WHERE id = ?")) {
            for (int i = 1; i <= ROWS; i++) {
                insert.setLong(1, i);
                insert.setInt(2, i);
                insert.setString(3, "row " + i);
                insert.executeUpdate();
                if (i % 3 == 0) {
                    update.setString(1, "updated " + i);
                    update.setLong(2, i - 1);
                    update.executeUpdate();
                }
                if (i % 100 == 0) {
                    Thread.sleep(50); // spread the stream over the kill
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
