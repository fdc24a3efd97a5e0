package io.strangler.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.RowHash;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mapping keyed by a unique non-primary column ({@code email}) on real PostgreSQL: an UPDATE of the email moves the
 * logical row, and the target must end with the row under its new email only. The target shares the source's primary
 * key, so the new email's upsert can only succeed once the old email's row is deleted.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class KeyMoveReplicateIT {

    private static final String TABLE = "contacts (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text)";

    @Test
    void shouldMoveTheRowToItsNewKeyWithoutAGhostUnderTheOldOne(TestKafka kafka, @Postgres TestDatabase source,
            EmbeddedPostgres server, @TempDir Path dir) throws Exception {
        // Given contacts keyed by email, the source with full before images, one row there before the start (snapshot)
        TestDatabase target = ReplicateFixture.secondPostgres(server, "rep_key_move");
        ReplicateFixture.execute(source, "CREATE TABLE " + TABLE, "ALTER TABLE contacts REPLICA IDENTITY FULL",
                "INSERT INTO contacts VALUES (1, 'ada@old', 'Ada')");
        ReplicateFixture.execute(target, "CREATE TABLE " + TABLE);
        String mappings = """
                mappings:
                  - name: contacts
                    monolith: public.contacts
                    service: public.contacts
                    key: [email]
                    direction: monolith-to-service
                """;
        try (ReplicateFixture fixture = new ReplicateFixture(kafka, dir);
             ReplicatePipeline pipeline = ReplicatePipeline.create(new ReplicatePipelineConfig(
                     fixture.config(source, target, fixture.mappingsFile(mappings))))) {
            pipeline.start();
            ResolvedMapping mapping = pipeline.plan().mappings().get(0);
            // the snapshot must be taken before the updates, or it would read the moved rows and nothing would move
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(hashes(target, Side.SERVICE, mapping)).containsOnlyKeys("{\"email\":\"ada@old\"}"));

            // When the snapshot row's email changes, and a row inserted while running changes its email twice
            ReplicateFixture.execute(source, "UPDATE contacts SET email = 'ada@new' WHERE id = 1",
                    "INSERT INTO contacts VALUES (2, 'bob@1', 'Bob')",
                    "UPDATE contacts SET email = 'bob@2' WHERE id = 2",
                    "UPDATE contacts SET email = 'bob@3', name = 'Bob B.' WHERE id = 2");

            // Then the target holds the source's rows under their new emails only, and nothing was dead-lettered
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(hashes(target, Side.SERVICE, mapping)).as(pipeline.status().line())
                            .isEqualTo(hashes(source, Side.MONOLITH, mapping)));
            assertThat(hashes(target, Side.SERVICE, mapping))
                    .containsOnlyKeys("{\"email\":\"ada@new\"}", "{\"email\":\"bob@3\"}");
            assertThat(pipeline.status().deadLetters()).as(pipeline.status().line()).isZero();
            assertThat(pipeline.status().commands()).as("snapshot row, insert, and three moves of two commands each")
                    .isEqualTo(8);
        }
    }

    private static Map<String, RowHash> hashes(TestDatabase db, Side side, ResolvedMapping mapping) throws Exception {
        return ReplicateFixture.logicalHashes(db, side, mapping);
    }
}
