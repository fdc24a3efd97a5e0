package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.Engine;
import io.strangler.embedded.sample.SampleDataGenerator;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample monolith under a seeded mixed workload: every change arrives, in commit order per key. */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
class SampleWorkloadCaptureIT {

    private static final int ROWS_PER_TABLE = 20;
    private static final long TARGET_CHANGES = 10_000;

    @Test
    void shouldDeliverTenThousandMixedChangesInCommitOrderPerKeyWithTransactionIds(TestKafka kafka,
            @Postgres TestDatabase db) throws Exception {
        // Given the sample monolith with generated data, REPLICA IDENTITY FULL, captured from the start
        long generated;
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            SampleMonolith.createSchema(connection);
            generated = new SampleDataGenerator(7, ROWS_PER_TABLE).generate(connection).values().stream()
                    .mapToLong(Long::longValue).sum();
            for (String table : SampleMonolith.tableNames()) {
                statement.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
            }
        }
        String prefix = kafka.uniqueTopic("strangler");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
             CaptureProcessor capture = new CaptureProcessor(new CaptureConfig(CaptureFixtures.postgres(db, kafka,
                     registry.url(), prefix, SampleMonolith.tableNames().toArray(String[]::new))));
             ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                     RestSchemaRegistryClient.create(registry.url()), prefix)) {
            capture.start();
            // the snapshot must be complete first: changes made during it would be folded into its reads
            await().atMost(Duration.ofSeconds(60)).until(() -> collector.changes.size() >= generated);

            // When the workload makes at least 10,000 row changes
            long expected = 0;
            long inserted = 0;
            long updated = 0;
            long deleted = 0;
            SampleWorkload workload = new SampleWorkload(SampleWorkload.Config.of(11, ROWS_PER_TABLE, 1_000_000_000L));
            try (Connection connection = db.connect()) {
                while (expected < TARGET_CHANGES) {
                    SampleWorkload.Result result = workload.run(connection, 500, Duration.ofMinutes(1));
                    expected += result.rowsInserted() + result.rowsUpdated() + result.rowsDeleted();
                    inserted += result.rowsInserted();
                    updated += result.rowsUpdated();
                    deleted += result.rowsDeleted();
                }
            }

            // Then every change arrives as a RowChange
            long target = expected;
            long ins = inserted;
            long upd = updated;
            long del = deleted;
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(streamed(collector))
                    .as("streamed changes (%s) for %d inserts, %d updates, %d deletes", byOperation(collector),
                            ins, upd, del).isGreaterThanOrEqualTo(target));
            assertThat(streamed(collector)).isGreaterThanOrEqualTo(TARGET_CHANGES);

            // And every streamed change carries its transaction id, and each key's new changes come in log order
            Map<String, Long> lastPositionByKey = new HashMap<>();
            Map<String, Set<Long>> positionsByKey = new HashMap<>();
            Map<String, Map<String, CanonicalRow>> images = new HashMap<>();
            List<ChangeCollector.Received<RowChange>> inPartitionOrder = collector.changes.stream()
                    .sorted(Comparator.comparing((ChangeCollector.Received<RowChange> r) -> r.topic())
                            .thenComparingInt(ChangeCollector.Received::partition)
                            .thenComparingLong(ChangeCollector.Received::offset))
                    .toList();
            for (ChangeCollector.Received<RowChange> received : inPartitionOrder) {
                RowChange change = received.value();
                String rowId = received.topic() + "|" + received.key();
                if (change.getOp() != Operation.READ) {
                    assertThat(change.getTransactionId()).as("transaction id of %s", rowId).isNotBlank();
                    long lsn = lsn(change.getSourcePosition());
                    Long previous = lastPositionByKey.put(rowId, lsn);
                    Set<Long> seen = positionsByKey.computeIfAbsent(rowId, k -> new HashSet<>());
                    // at least once: after a failed send capture replays from its last committed offset, so a
                    // position may go back, but only to one this key already had; a new change never overtakes
                    if (!seen.contains(lsn)) {
                        assertThat(lsn).as("position of %s after %s", rowId, previous).isGreaterThanOrEqualTo(
                                previous == null ? 0 : previous);
                    }
                    seen.add(lsn);
                }
                Map<String, CanonicalRow> table = images.computeIfAbsent(change.getTable(), t -> new HashMap<>());
                if (change.getOp() == Operation.DELETE) {
                    table.remove(received.key());
                } else {
                    table.put(received.key(), CanonicalRow.fromAvro(change.getAfter()));
                }
            }

            // And folding the changes per key reproduces every table exactly
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                for (String table : SampleMonolith.tableNames()) {
                    Map<String, CanonicalRow> actual = new HashMap<>();
                    List<String> keyColumns = SampleMonolith.table(table).primaryKey();
                    try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                        while (rs.next()) {
                            CanonicalRow row = CanonicalRow.fromJdbc(rs, Engine.POSTGRESQL);
                            actual.put(CanonicalKey.of(row, keyColumns).encode(), row);
                        }
                    }
                    assertThat(images.getOrDefault(table, Map.of())).as("table %s", table).isEqualTo(actual);
                }
            }
        }
    }

    private static long streamed(ChangeCollector collector) {
        return collector.changes.stream().filter(r -> r.value().getOp() != Operation.READ).count();
    }

    private static Map<Operation, Long> byOperation(ChangeCollector collector) {
        return collector.changes.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.value().getOp(),
                java.util.stream.Collectors.counting()));
    }

    private static long lsn(String position) {
        int slash = position.indexOf('/');
        return (Long.parseLong(position.substring(0, slash), 16) << 32) | Long.parseLong(position.substring(slash + 1), 16);
    }
}
