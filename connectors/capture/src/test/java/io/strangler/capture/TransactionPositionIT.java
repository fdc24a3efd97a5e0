package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionPosition;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every streamed RowChange of a transaction capture saw whole says where it sits in it (size, order, per-table sizes),
 * although Debezium hands capture batches of a few records only, so each transaction spans several batches; the apply
 * sink's offsets row is not counted, a transaction larger than the buffer is published unstamped, and a restart does
 * not break the positions.
 */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class})
class TransactionPositionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    @Test
    void shouldStampEveryChangeOfEachPostgresTransactionAcrossBatchesAndARestart(TestKafka kafka,
            @Postgres TestDatabase db) throws Exception {
        db.execute("CREATE TABLE account (id int PRIMARY KEY, balance int)",
                "CREATE TABLE entry (id int PRIMARY KEY, account_id int, amount int)",
                "ALTER TABLE account REPLICA IDENTITY FULL", "ALTER TABLE entry REPLICA IDENTITY FULL",
                "INSERT INTO account VALUES (100, 0)");
        String prefix = kafka.uniqueTopic("strangler");
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
             ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                     RestSchemaRegistryClient.create(registry.url()), prefix)) {
            Map<String, String> props = smallBatches(CaptureFixtures.postgres(db, kafka, registry.url(), prefix,
                    "account", "entry"));
            List<Map<String, Long>> expected = new ArrayList<>();
            CaptureProcessor first = new CaptureProcessor(new CaptureConfig(props), new SimpleMeterRegistry());
            try {
                first.start();
                await().atMost(TIMEOUT).until(() -> collector.changesOf("account").size() >= 1); // the snapshot row

                // Given multi-row, multi-table transactions, one of them the apply sink's (offsets row first)
                commit(db, "INSERT INTO account VALUES (1, 10), (2, 20), (3, 30)",
                        "INSERT INTO entry VALUES (1, 1, 10), (2, 2, 20)");
                expected.add(Map.of("public.account", 3L, "public.entry", 2L));
                commit(db, "UPDATE account SET balance = balance + 1 WHERE id IN (1, 2)",
                        "DELETE FROM entry WHERE id = 1");
                expected.add(Map.of("public.account", 2L, "public.entry", 1L));
                commit(db, APPLY_MARKER, "INSERT INTO entry SELECT g, 3, g FROM generate_series(10, 21) g",
                        "UPDATE account SET balance = 0 WHERE id = 3");
                expected.add(Map.of("public.account", 1L, "public.entry", 12L));
                // larger than the buffer (20): published unstamped
                commit(db, "INSERT INTO entry SELECT g, 1, g FROM generate_series(100, 129) g");
                await().atMost(TIMEOUT).until(() -> collector.changesOf("entry").size() >= 2 + 1 + 12 + 30);
            } finally {
                first.stop();
            }
            assertThat(first.metrics().transactionsUnstamped("too-large")).isEqualTo(1);

            // When capture restarts, with a transaction committed while it was down and one after
            commit(db, "INSERT INTO account VALUES (4, 40)", "INSERT INTO entry VALUES (3, 4, 40)");
            expected.add(Map.of("public.account", 1L, "public.entry", 1L));
            CaptureProcessor second = new CaptureProcessor(new CaptureConfig(props));
            try {
                second.start();
                commit(db, "DELETE FROM entry WHERE id BETWEEN 10 AND 14", "UPDATE account SET balance = 5");
                expected.add(Map.of("public.account", 5L, "public.entry", 5L));
                await().atMost(TIMEOUT).until(() -> stampedTransactions(collector).size() >= expected.size());
            } finally {
                second.stop();
            }

            // Then each transaction's changes carry its size, their order and its per-table sizes; the large one none
            assertThat(stampedTransactions(collector)).containsExactlyElementsOf(expected);
            List<RowChange> large = collector.changesOf("entry").stream().map(ChangeCollector.Received::value)
                    .filter(change -> change.getKey().get("id") instanceof Long id && id >= 100).toList();
            assertThat(large).hasSizeGreaterThanOrEqualTo(30)
                    .allSatisfy(change -> assertThat(change.getTransaction()).isNull());
            assertThat(collector.changes).filteredOn(r -> r.value().getOp() == Operation.READ)
                    .allSatisfy(r -> assertThat(r.value().getTransaction()).isNull());
        }
    }

    @Test
    void shouldStampEveryChangeOfEachMariaDbTransactionAcrossBatches(TestKafka kafka, @MariaDb TestDatabase db)
            throws Exception {
        db.execute("CREATE TABLE account (id int PRIMARY KEY, balance int)",
                "CREATE TABLE entry (id int PRIMARY KEY, account_id int, amount int)",
                "INSERT INTO account VALUES (100, 0)");
        String prefix = kafka.uniqueTopic("strangler");
        String schema = db.database();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
             ChangeCollector collector = new ChangeCollector(kafka.clientProperties(),
                     RestSchemaRegistryClient.create(registry.url()), prefix);
             CaptureProcessor capture = new CaptureProcessor(new CaptureConfig(smallBatches(
                     CaptureFixtures.mariadb(db, kafka, registry.url(), prefix, "account", "entry"))))) {
            capture.start();
            await().atMost(TIMEOUT).until(() -> collector.changesOf("account").size() >= 1); // the snapshot row

            // Given multi-row, multi-table transactions
            commit(db, "INSERT INTO account VALUES (1, 10), (2, 20), (3, 30)",
                    "INSERT INTO entry VALUES (1, 1, 10), (2, 2, 20)");
            commit(db, "UPDATE account SET balance = balance + 1 WHERE id IN (1, 2)", "DELETE FROM entry WHERE id = 1",
                    "INSERT INTO entry VALUES (3, 3, 30), (4, 3, 40), (5, 3, 50), (6, 3, 60)");
            List<Map<String, Long>> expected = List.of(Map.of(schema + ".account", 3L, schema + ".entry", 2L),
                    Map.of(schema + ".account", 2L, schema + ".entry", 5L));

            // Then each change carries its transaction's size, its order and the per-table sizes
            await().atMost(TIMEOUT).until(() -> stampedTransactions(collector).size() >= expected.size());
            assertThat(stampedTransactions(collector)).containsExactlyElementsOf(expected);
        }
    }

    /** The apply sink's first write in each of its transactions: captured, never published, not counted. */
    private static final String APPLY_MARKER = "INSERT INTO strangler_apply_offsets (consumer_group, topic,"
            + " partition_id, next_offset) VALUES ('g', 't', 0, 1) ON CONFLICT (consumer_group, topic, partition_id)"
            + " DO UPDATE SET next_offset = EXCLUDED.next_offset";

    /** Debezium batches of 4 records, so that every transaction here spans batches; a buffer of 20 changes. */
    private static Map<String, String> smallBatches(Map<String, String> props) {
        props.put("max.batch.size", "4");
        props.put("max.queue.size", "64");
        props.put(CaptureConfig.TRANSACTION_BUFFER_MAX_CHANGES, "20");
        return props;
    }

    /**
     * The per-table sizes of each stamped transaction in commit order, after checking that its changes (repeats after
     * a restart aside) are exactly size many, numbered 1 to size in log order, and agree on size and table sizes.
     */
    private static List<Map<String, Long>> stampedTransactions(ChangeCollector collector) {
        Map<String, List<ChangeCollector.Received<RowChange>>> byTransaction = collector.changes.stream()
                .filter(received -> received.value().getTransaction() != null)
                .collect(Collectors.groupingBy(received -> received.value().getTransactionId(), LinkedHashMap::new,
                        Collectors.toList()));
        List<Map.Entry<String, Map<String, Long>>> ordered = new ArrayList<>();
        byTransaction.forEach((id, received) -> {
            Map<Long, RowChange> byOrder = new TreeMap<>();
            received.forEach(r -> byOrder.putIfAbsent(r.value().getTransaction().getOrder(), r.value()));
            TransactionPosition position = received.get(0).value().getTransaction();
            assertThat(received).allSatisfy(r -> {
                assertThat(r.value().getTransaction().getSize()).isEqualTo(position.getSize());
                assertThat(r.value().getTransaction().getTableSizes()).isEqualTo(position.getTableSizes());
            });
            if (byOrder.size() < position.getSize()) {
                return; // not all arrived yet
            }
            assertThat(byOrder.keySet()).as("orders of transaction %s", id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, position.getSize()).boxed().toList());
            // log order: the source positions of the changes rise with their order
            List<String> positions = byOrder.values().stream().map(RowChange::getSourcePosition).toList();
            assertThat(positions).as("positions of transaction %s by order", id)
                    .isSortedAccordingTo(TransactionPositionIT::compareLogPositions);
            Map<String, Long> counted = byOrder.values().stream().collect(Collectors.groupingBy(
                    change -> change.getSchema$() + "." + change.getTable(), Collectors.counting()));
            assertThat(counted).as("changes per table of transaction %s", id).isEqualTo(position.getTableSizes());
            ordered.add(Map.entry(byOrder.get(1L).getSourcePosition(), position.getTableSizes()));
        });
        return ordered.stream().sorted(Map.Entry.comparingByKey(TransactionPositionIT::compareLogPositions))
                .map(Map.Entry::getValue).toList();
    }

    /** PostgreSQL LSNs {@code X/Y} (hex) or MariaDB {@code file:position}. */
    private static int compareLogPositions(String left, String right) {
        return Comparator.<String, Long>comparing(position -> Long.parseLong(part(position, 0), 16))
                .thenComparing(position -> Long.parseLong(part(position, 1), 16))
                .compare(left.contains("/") ? left : mariaDb(left), right.contains("/") ? right : mariaDb(right));
    }

    private static String part(String lsn, int index) {
        return lsn.split("/")[index];
    }

    private static String mariaDb(String position) {
        String[] parts = position.split(":");
        String file = parts[0].replaceAll("\\D", "");
        return Long.toHexString(Long.parseLong(file)) + "/" + Long.toHexString(Long.parseLong(parts[1]));
    }

    private static void commit(TestDatabase db, String... statements) throws SQLException {
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        }
    }
}
