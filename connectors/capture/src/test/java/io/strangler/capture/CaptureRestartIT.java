package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A capture process killed with SIGKILL in mid-stream loses nothing once a new processor resumes. */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class CaptureRestartIT {

    private static final int ROWS = 3_000;

    @Test
    void shouldLoseNoChangeWhenTheProcessIsKilledMidStreamAndRestarted(TestKafka kafka, @Postgres TestDatabase db,
            @TempDir Path dir) throws Exception {
        // Given a capture process (its own JVM) streaming a table that a writer keeps inserting into
        db.execute("CREATE TABLE item (id bigint PRIMARY KEY, v int)", "ALTER TABLE item REPLICA IDENTITY FULL");
        String prefix = kafka.uniqueTopic("strangler");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
             ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                     RestSchemaRegistryClient.create(registry.url()), prefix)) {
            Map<String, String> config = CaptureFixtures.postgres(db, kafka, registry.url(), prefix, "item");
            Path file = dir.resolve("capture.properties");
            Properties properties = new Properties();
            properties.putAll(config);
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "capture restart test");
            }
            Process child = startChild(file, dir.resolve("child.log"));
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> insertRows(db));

            // When the process is killed after part of the stream was produced
            await().atMost(Duration.ofSeconds(60)).until(() -> collector.changesOf("item").size() >= 300
                    || !child.isAlive());
            assertThat(child.isAlive()).as("child capture process (log: %s)", dir.resolve("child.log")).isTrue();
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            int seenAtKill = collector.changesOf("item").size();
            writer.get(60, TimeUnit.SECONDS);

            // And a new processor resumes from the committed offsets
            try (CaptureProcessor resumed = new CaptureProcessor(new CaptureConfig(config))) {
                resumed.start();

                // Then every inserted row arrives (duplicates allowed)
                Set<Long> expected = LongStream.rangeClosed(1, ROWS).boxed().collect(Collectors.toSet());
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ids(collector))
                        .containsAll(expected));
                assertThat(seenAtKill).isLessThan(ROWS);
            }
        }
    }

    private static Set<Long> ids(ChangeCollector collector) {
        return collector.changesOf("item").stream().map(r -> (Long) r.value().getAfter().get("id"))
                .collect(Collectors.toSet());
    }

    private static Process startChild(Path config, Path log) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-Xmx512m", "-cp", classpath,
                CaptureProcessor.class.getName(), config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void insertRows(TestDatabase db) {
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
            for (int i = 1; i <= ROWS; i++) {
                insert.setLong(1, i);
                insert.setInt(2, i);
                insert.executeUpdate();
                if (i % 100 == 0) {
                    Thread.sleep(20); // spread the stream over the kill
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
