package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionStatus;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** One PostgreSQL capture processor over several small tables, each test on its own table. */
@ExtendWith({EmbeddedKafkaExtension.class, EmbeddedPostgresExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCaptureIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private EmbeddedSchemaRegistry registry;
    private CaptureProcessor capture;
    private ChangeCollector collector;
    private TestDatabase db;

    @BeforeAll
    void startCapture(TestKafka kafka, @Postgres TestDatabase database) throws SQLException {
        this.db = database;
        execute("CREATE TABLE account (id bigint PRIMARY KEY, name varchar(40), active boolean, balance numeric(10,2))",
                "ALTER TABLE account REPLICA IDENTITY FULL",
                "INSERT INTO account VALUES (1, 'snap-1', true, 1.50), (2, 'snap-2', false, 2.00)",
                "CREATE TABLE poison (id int PRIMARY KEY, note text, span interval)",
                "CREATE TABLE evolving (id int PRIMARY KEY, qty int)",
                "CREATE TABLE doc (id int PRIMARY KEY, title text, body text)",
                "CREATE TABLE origin (id int PRIMARY KEY, note text)",
                "ALTER TABLE doc ALTER COLUMN body SET STORAGE EXTERNAL");
        registry = EmbeddedSchemaRegistry.startInMemory();
        String prefix = kafka.uniqueTopic("strangler");
        capture = new CaptureProcessor(new CaptureConfig(CaptureFixtures.postgres(db, kafka, registry.url(), prefix,
                "account", "poison", "evolving", "doc", "origin")));
        collector = new ChangeCollector(kafka.clientProperties(), RestSchemaRegistryClient.create(registry.url()), prefix);
        capture.start();
        await().atMost(TIMEOUT).until(() -> capture.state() == CaptureState.RUNNING);
    }

    @AfterAll
    void stopCapture() throws InterruptedException {
        if (capture != null) {
            capture.stop();
        }
        if (collector != null) {
            collector.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldSnapshotThenStreamChangesWithTransactionIdsAndCanonicalValues() throws SQLException {
        // Given two rows read by the snapshot
        await().atMost(TIMEOUT).until(() -> collector.changesOf("account").size() >= 2);

        // When one transaction inserts, updates and deletes
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO account VALUES (3, 'new', true, 3.5)");
                statement.execute("UPDATE account SET name = 'renamed', balance = 10 WHERE id = 1");
                statement.execute("DELETE FROM account WHERE id = 2");
            }
            connection.commit();
        }

        // Then the snapshot rows are READs and the transaction's three changes follow, sharing its id
        await().atMost(TIMEOUT).until(() -> collector.changesOf("account").size() >= 5);
        List<RowChange> changes = collector.changesOf("account").stream().map(ChangeCollector.Received::value).toList();
        assertThat(changes.subList(0, 2)).extracting(RowChange::getOp).containsOnly(Operation.READ);
        List<RowChange> streamed = changes.subList(2, 5);
        assertThat(streamed).extracting(RowChange::getOp)
                .containsExactly(Operation.CREATE, Operation.UPDATE, Operation.DELETE);
        assertThat(streamed).extracting(RowChange::getTransactionId).doesNotContainNull().hasSize(3)
                .allMatch(id -> id.equals(streamed.get(0).getTransactionId()));
        RowChange update = streamed.get(1);
        assertThat(update.getKey()).containsEntry("id", 1L);
        assertThat(update.getBefore()).containsEntry("name", "snap-1").containsEntry("balance", "1.50");
        assertThat(update.getAfter()).containsEntry("name", "renamed").containsEntry("balance", "10.00")
                .containsEntry("active", true);
        assertThat(update.getSourcePosition()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(update.getSourceCommitMicros()).isPositive().isLessThanOrEqualTo(update.getCaptureMicros());
        assertThat(streamed.get(2).getAfter()).isNull();
        assertThat(collector.changesOf("account")).extracting(ChangeCollector.Received::key)
                .contains("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");

        // And the transaction topic has its BEGIN and END, END counting three account changes
        String txId = streamed.get(0).getTransactionId();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(collector.transactions)
                .filteredOn(t -> t.value().getTransactionId().equals(txId))
                .extracting(t -> t.value().getStatus())
                .containsExactly(TransactionStatus.BEGIN, TransactionStatus.END));
        assertThat(collector.transactions).filteredOn(t -> t.value().getTransactionId().equals(txId)
                        && t.value().getStatus() == TransactionStatus.END)
                .singleElement().satisfies(end -> assertThat(end.value().getEventCount()).isEqualTo(3L));
        assertThat(capture.metrics().changesCaptured()).isGreaterThanOrEqualTo(5);
        assertThat(capture.metrics().lag().count()).isPositive();
    }

    @Test
    void shouldTagChangesOfTransactionsThatBeginWithTheApplyOffsetsWriteAsApplyAndOthersAsLocal() throws SQLException {
        // Given the apply offsets table, created by capture before its engine started (so the publication covers it)
        execute("SELECT 1 FROM strangler_apply_offsets LIMIT 0");

        // When a user inserts a row, then an apply-shaped transaction (offsets row first) writes the same content
        // as an update and a delete, then the user writes again
        execute("INSERT INTO origin VALUES (1, 'same'), (2, 'same')");
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO strangler_apply_offsets (consumer_group, topic, partition_id, next_offset)"
                        + " VALUES ('g', 't', 0, 1) ON CONFLICT (consumer_group, topic, partition_id)"
                        + " DO UPDATE SET next_offset = EXCLUDED.next_offset");
                statement.execute("UPDATE origin SET note = 'same' WHERE id = 1");
                statement.execute("DELETE FROM origin WHERE id = 2");
            }
            connection.commit();
        }
        execute("DELETE FROM origin WHERE id = 1");

        // Then the user's changes are LOCAL, the apply transaction's are APPLY, and the offsets row is not published
        await().atMost(TIMEOUT).until(() -> collector.changesOf("origin").size() >= 5);
        assertThat(collector.changesOf("origin")).extracting(r -> r.value().getOp() + ":" + r.value().getOrigin())
                .containsExactly("CREATE:LOCAL", "CREATE:LOCAL", "UPDATE:APPLY", "DELETE:APPLY", "DELETE:LOCAL");
        assertThat(collector.changesOf("strangler_apply_offsets")).isEmpty();
    }

    @Test
    void shouldDeadLetterAnUnconvertibleValueAndKeepCapturing() throws SQLException {
        // Given rows around one whose interval column capture cannot represent canonically
        execute("INSERT INTO poison VALUES (1, 'fine', NULL)",
                "INSERT INTO poison VALUES (2, 'poison', interval '3 days')",
                "INSERT INTO poison VALUES (3, 'fine too', NULL)");

        // Then the good rows arrive and the bad one is in the DLQ, named with its table, key, position and cause
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(collector.changesOf("poison"))
                .extracting(ChangeCollector.Received::key).containsExactly("{\"id\":1}", "{\"id\":3}"));
        await().atMost(TIMEOUT).until(() -> !collector.deadLetters.isEmpty());
        DeadLetter letter = collector.deadLetters.get(0).value();
        assertThat(letter.getComponent()).isEqualTo("capture");
        assertThat(letter.getSource()).isEqualTo(db.database());
        assertThat(letter.getTable()).isEqualTo("public.poison");
        assertThat(letter.getKey()).isEqualTo("{\"id\":2}");
        assertThat(letter.getPosition()).matches("[0-9A-F]+/[0-9A-F]+");
        assertThat(letter.getErrorMessage()).contains("span");
        assertThat(letter.getPayload()).isNotNull();
        assertThat(capture.metrics().deadLetters()).isEqualTo(1);
        assertThat(capture.state()).isEqualTo(CaptureState.RUNNING);
    }

    @Test
    void shouldKeepCapturingAcrossAddDropAndWideningColumns() throws SQLException {
        // Given a row captured with the original columns
        execute("INSERT INTO evolving VALUES (1, 5)");
        await().atMost(TIMEOUT).until(() -> collector.changesOf("evolving").size() >= 1);

        // When columns are added, widened and dropped while capture runs
        execute("ALTER TABLE evolving ADD COLUMN label varchar(20)",
                "INSERT INTO evolving VALUES (2, 6, 'added')",
                "ALTER TABLE evolving ALTER COLUMN qty TYPE bigint",
                "INSERT INTO evolving VALUES (3, 9000000000, 'wide')",
                "ALTER TABLE evolving DROP COLUMN label",
                "INSERT INTO evolving VALUES (4, 7)");

        // Then every row arrives, each with the columns it had when it was written
        await().atMost(TIMEOUT).until(() -> collector.changesOf("evolving").size() >= 4);
        Map<String, Map<String, Object>> afterByKey = collector.changesOf("evolving").stream().collect(
                Collectors.toMap(ChangeCollector.Received::key, r -> Map.copyOf(r.value().getAfter().entrySet().stream()
                        .filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(e -> e.getKey().toString(), e -> String.valueOf(e.getValue()))))));
        assertThat(afterByKey.get("{\"id\":1}").keySet()).isEqualTo(Set.of("id", "qty"));
        assertThat(afterByKey.get("{\"id\":2}")).containsEntry("label", "added");
        assertThat(afterByKey.get("{\"id\":3}")).containsEntry("qty", "9000000000").containsEntry("label", "wide");
        assertThat(afterByKey.get("{\"id\":4}").keySet()).isEqualTo(Set.of("id", "qty"));
    }

    @Test
    void shouldNeverWriteTheUnchangedToastPlaceholderAsData() throws SQLException {
        // Given a row whose body is TOASTed, under REPLICA IDENTITY DEFAULT
        String body = randomText(10_000);
        execute("INSERT INTO doc VALUES (1, 'first', '" + body + "')");

        // When only the title changes, so the log does not carry the unchanged body
        execute("UPDATE doc SET title = 'second' WHERE id = 1");

        // Then the update lists body as unavailable and carries null, not Debezium's placeholder
        await().atMost(TIMEOUT).until(() -> collector.changesOf("doc").size() >= 2);
        RowChange update = collector.changesOf("doc").get(1).value();
        assertThat(update.getOp()).isEqualTo(Operation.UPDATE);
        assertThat(update.getUnavailableColumns()).extracting(Object::toString).containsExactly("body");
        assertThat(update.getAfter()).containsEntry("title", "second").containsEntry("body", null);
        assertThat(collector.changesOf("doc").get(0).value().getAfter()).containsEntry("body", body);
    }

    private static String randomText(int length) {
        Random random = new Random(42);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
