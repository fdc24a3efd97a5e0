package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MariaDB capture through the binlog, with Kafka-backed schema history. */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedMariaDbExtension.class})
class MariaDbCaptureIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    @Test
    void shouldCaptureInsertsUpdatesDeletesWithBooleansAndNewColumns(TestKafka kafka, @MariaDb TestDatabase db)
            throws Exception {
        // Given a table with a TINYINT(1) flag and one row before capture starts
        db.execute("CREATE TABLE flag (id int PRIMARY KEY, active tinyint(1), name varchar(20), price decimal(8,2))",
                "INSERT INTO flag VALUES (1, 1, 'snap', 1.5)");
        String prefix = kafka.uniqueTopic("strangler");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
             CaptureProcessor capture = new CaptureProcessor(new CaptureConfig(
                     CaptureFixtures.mariadb(db, kafka, registry.url(), prefix, "flag")));
             ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                     RestSchemaRegistryClient.create(registry.url()), prefix)) {
            capture.start();
            await().atMost(TIMEOUT).until(() -> collector.changesOf("flag").size() >= 1);

            // When rows are inserted, updated and deleted, and a column is added while capturing
            db.execute("INSERT INTO flag VALUES (2, 0, 'two', 2.25)",
                    "UPDATE flag SET active = 0, name = 'one' WHERE id = 1",
                    "DELETE FROM flag WHERE id = 2",
                    "ALTER TABLE flag ADD COLUMN note varchar(10)",
                    "INSERT INTO flag VALUES (3, 1, 'three', 3, 'added')");

            // Then all arrive in order, booleans as booleans, decimals at scale, the new column present
            await().atMost(TIMEOUT).until(() -> collector.changesOf("flag").size() >= 5);
            List<RowChange> changes = collector.changesOf("flag").stream().map(ChangeCollector.Received::value).toList();
            assertThat(changes).extracting(RowChange::getOp).containsExactly(Operation.READ, Operation.CREATE,
                    Operation.UPDATE, Operation.DELETE, Operation.CREATE);
            assertThat(changes.get(0).getAfter()).containsEntry("active", true).containsEntry("price", "1.50");
            assertThat(changes.get(1).getAfter()).containsEntry("active", false).containsEntry("price", "2.25");
            assertThat(changes.get(2).getBefore()).containsEntry("active", true);
            assertThat(changes.get(2).getAfter()).containsEntry("active", false).containsEntry("name", "one");
            assertThat(changes.get(3).getBefore()).containsEntry("id", 2L);
            assertThat(changes.get(4).getAfter()).containsEntry("note", "added");
            assertThat(changes.get(0).getSchema$()).isEqualTo(db.database());
            assertThat(changes.subList(1, 5)).allSatisfy(change -> {
                assertThat(change.getTransactionId()).isNotBlank();
                assertThat(change.getSourcePosition()).matches(".+:\\d+");
            });
        }
    }
}
