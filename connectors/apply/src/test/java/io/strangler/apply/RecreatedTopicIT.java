package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Disaster recovery: the apply topic is deleted and created anew (a new cluster, a reset environment), so its offsets
 * start again at 0 while the database remembers having applied up to a higher one. The sink must stop and say so,
 * instead of seeking past every new command in silence.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class RecreatedTopicIT {

    @Test
    void shouldStopWithTheResetProcedureWhenTheApplyTopicWasRecreated(TestKafka kafka, @Postgres TestDatabase db)
            throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE recreated_items (id bigint PRIMARY KEY, name text)");
        }
        try (ApplyFixture fixture = new ApplyFixture(kafka, "recreated", 1)) {
            // Given: ten commands applied
            List<io.strangler.schemas.ApplyCommand> commands = new ArrayList<>();
            for (long id = 1; id <= 10; id++) {
                commands.add(fixture.upsert("public", "recreated_items", Map.of("id", id), Map.of("id", id, "name", "n" + id)));
            }
            fixture.produce(commands);
            try (ApplySink sink = fixture.sink(fixture.config(db))) {
                sink.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> count(db) == 10);
            }

            // When: the topic is re-created and gets two new commands, and the sink starts again
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                admin.deleteTopics(List.of(fixture.applyTopic.name())).all().get(30, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get()
                        .contains(fixture.applyTopic.name()));
            }
            kafka.createTopic(fixture.applyTopic.name(), 1, Map.of());
            fixture.produce(List.of(
                    fixture.upsert("public", "recreated_items", Map.of("id", 11L), Map.of("id", 11L, "name", "n11")),
                    fixture.upsert("public", "recreated_items", Map.of("id", 12L), Map.of("id", 12L, "name", "n12"))));
            try (ApplySink sink = fixture.sink(fixture.config(db))) {
                sink.start();

                // Then: it fails, naming the topic, both offsets and the reset statement; nothing was skipped silently
                await().atMost(Duration.ofSeconds(60)).until(() -> sink.state() == ApplySink.State.FAILED);
                assertThat(sink.status().lastError()).contains(fixture.applyTopic.name())
                        .contains("ends at offset 2").contains("up to offset 10").contains("re-created")
                        .contains("DELETE FROM strangler_apply_offsets");
                assertThat(count(db)).isEqualTo(10);
            }
        }
    }

    private static long count(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM recreated_items")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
