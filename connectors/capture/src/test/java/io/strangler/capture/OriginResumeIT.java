package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.RowChange;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A capture stopped in the middle of a transaction resumes inside it without seeing its BEGIN again; the changes of
 * an apply transaction after the restart must still be tagged APPLY (capture persisted the open transaction's origin).
 * Such a transaction is larger than capture's transaction buffer (so not held whole) and carries no positions.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class OriginResumeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int ROWS = 30_000;

    @Test
    void shouldTagTheRestOfAnApplyTransactionAfterARestartInsideIt(TestKafka kafka, @Postgres TestDatabase db)
            throws Exception {
        db.execute("CREATE TABLE bulk (id int PRIMARY KEY, v int)");
        String prefix = kafka.uniqueTopic("strangler");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
             ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                     RestSchemaRegistryClient.create(registry.url()), prefix)) {
            Map<String, String> props = CaptureFixtures.postgres(db, kafka, registry.url(), prefix, "bulk");
            // small batches, so that a stop lands inside the transaction with its offsets committed there
            props.put("max.batch.size", "20");
            props.put("max.queue.size", "200");
            CaptureProcessor first = new CaptureProcessor(new CaptureConfig(props));
            first.start();
            await().atMost(TIMEOUT).until(() -> first.state() == CaptureState.RUNNING);

            // Given an apply-shaped transaction (offsets row first) of 30,000 inserts, captured in part
            try (Connection connection = db.connect()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO strangler_apply_offsets (consumer_group, topic, partition_id,"
                            + " next_offset) VALUES ('g', 't', 0, 1) ON CONFLICT (consumer_group, topic, partition_id)"
                            + " DO UPDATE SET next_offset = EXCLUDED.next_offset");
                    statement.execute("INSERT INTO bulk SELECT g, 0 FROM generate_series(1, " + ROWS + ") g");
                }
                connection.commit();
            }
            await().atMost(TIMEOUT).until(() -> collector.changesOf("bulk").size() >= 200);

            // When capture stops inside the transaction and a new one resumes from its offsets
            first.stop();
            int beforeRestart = collector.changesOf("bulk").size();
            CaptureProcessor second = new CaptureProcessor(new CaptureConfig(props));
            try {
                second.start();

                // Then every change of the transaction arrives (some twice), all tagged APPLY
                await().atMost(TIMEOUT).until(() -> collector.changesOf("bulk").stream()
                        .map(r -> r.value().getKey().toString()).distinct().count() >= ROWS);
            } finally {
                second.stop();
            }
            List<RowChange> changes = collector.changesOf("bulk").stream().map(ChangeCollector.Received::value)
                    .toList();
            assertThat(beforeRestart).as("the first run stopped inside the transaction").isLessThan(ROWS);
            Map<String, Long> byOrigin = changes.stream().collect(Collectors.groupingBy(
                    change -> String.valueOf(change.getOrigin()), TreeMap::new, Collectors.counting()));
            assertThat(byOrigin).as("changes by origin").containsOnlyKeys(ChangeOrigin.APPLY.name());
            // larger than the transaction buffer, and resumed in the middle: stamped with no position
            assertThat(changes).allSatisfy(change -> assertThat(change.getTransaction()).isNull());
        }
    }
}
