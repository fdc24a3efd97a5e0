package io.strangler.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.RowHash;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample monolith under ≥10,000 mixed inserts, updates and deletes, replicated one-way (capture → replicate
 * stage → apply) to a second PostgreSQL database with the same schema: every table ends identical by row hash.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class SampleMonolithReplicateIT {

    private static final int ROWS_PER_TABLE = 20;
    private static final long TARGET_CHANGES = 10_000;

    @Test
    void shouldReplicateTenThousandMixedChangesSoThatEveryTableIsIdenticalByRowHash(TestKafka kafka,
            @Postgres TestDatabase source, EmbeddedPostgres server, @TempDir Path dir) throws Exception {
        // Given a populated sample monolith and an empty copy of its schema in a second database
        long generated;
        try (Connection connection = source.connect(); Statement statement = connection.createStatement()) {
            SampleMonolith.createSchema(connection);
            generated = new SampleDataGenerator(7, ROWS_PER_TABLE).generate(connection).values().stream()
                    .mapToLong(Long::longValue).sum();
            for (String table : SampleMonolith.tableNames()) {
                statement.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
            }
        }
        TestDatabase target = ReplicateFixture.secondPostgres(server, "rep_sample_target");
        try (Connection connection = target.connect()) {
            SampleMonolith.createSchema(connection);
        }
        String mappings = "mappings:\n" + SampleMonolith.tableNames().stream().map(table ->
                "  - name: " + table + "\n    monolith: public." + table + "\n    service: public." + table
                        + "\n    direction: monolith-to-service\n").collect(Collectors.joining());
        try (ReplicateFixture fixture = new ReplicateFixture(kafka, dir);
             ReplicatePipeline pipeline = ReplicatePipeline.create(new ReplicatePipelineConfig(
                     fixture.config(source, target, fixture.mappingsFile(mappings))))) {

            // When the pipeline runs: the snapshot fills the empty target first
            pipeline.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> pipeline.status().applied() >= generated);

            // and then the workload makes at least 10,000 row changes
            long changes = 0;
            SampleWorkload workload = new SampleWorkload(SampleWorkload.Config.of(11, ROWS_PER_TABLE, 1_000_000_000L));
            try (Connection connection = source.connect()) {
                while (changes < TARGET_CHANGES) {
                    SampleWorkload.Result result = workload.run(connection, 500, Duration.ofMinutes(1));
                    changes += result.rowsInserted() + result.rowsUpdated() + result.rowsDeleted();
                }
            }

            // Then, after quiescence, every table is identical, compared by row hash per key
            long total = changes;
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                for (ResolvedMapping mapping : pipeline.plan().mappings()) {
                    Map<String, RowHash> expected = ReplicateFixture.logicalHashes(source, Side.MONOLITH, mapping);
                    Map<String, RowHash> actual = ReplicateFixture.logicalHashes(target, Side.SERVICE, mapping);
                    assertThat(actual).as("table %s after %d changes (%s)", mapping.name(), total,
                            pipeline.status().line()).isEqualTo(expected);
                }
            });
            assertThat(changes).isGreaterThanOrEqualTo(TARGET_CHANGES);
            Map<String, Long> rows = new HashMap<>();
            for (String table : SampleMonolith.tableNames()) {
                rows.put(table, ReplicateFixture.count(target, "public", table));
            }
            assertThat(rows.values().stream().mapToLong(Long::longValue).sum()).isPositive();
            assertThat(pipeline.status().deadLetters()).as(pipeline.status().line()).isZero();
            assertThat(pipeline.status().captured()).isGreaterThanOrEqualTo(generated + TARGET_CHANGES);
        }
    }
}
