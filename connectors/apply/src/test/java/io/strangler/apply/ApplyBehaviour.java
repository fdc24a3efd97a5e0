package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strangler.apply.internal.ApplyHooks;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.SourceTransaction;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What every engine's apply sink must do, run against a real embedded database and broker by {@link PostgresApplyIT}
 * and {@link MariaDbApplyIT}.
 */
abstract class ApplyBehaviour {

    protected abstract TestDatabase db();

    protected abstract TestKafka kafka();

    /** Schema (PostgreSQL) or database (MariaDB) the test tables live in. */
    protected abstract String schema();

    protected abstract String itemsDdl(String table);

    protected abstract String parentChildDdl(String parent, String child);

    protected abstract String checkedDdl(String table);

    /** Lets the test user set up the replication session, where the engine needs a grant for it. */
    protected void allowReplicationSession() throws SQLException {
    }

    /** SQLSTATEs the engine reports for a CHECK and a NOT NULL violation. */
    protected abstract List<String> constraintStates();

    @Test
    void shouldApplyUpsertsAndDeletesInOrderPerKey() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "order", 3)) {
            // Given a table and a stream of inserts, updates, deletes and re-inserts of 60 keys
            execute(itemsDdl("items_order"));
            List<ApplyCommand> commands = new ArrayList<>();
            Map<Long, String> expected = new TreeMap<>();
            for (long id = 1; id <= 60; id++) {
                commands.add(fixture.upsert(schema(), "items_order", Map.of("id", id), Map.of("id", id, "name", "v1-" + id, "qty", id)));
                commands.add(fixture.upsert(schema(), "items_order", Map.of("id", id), Map.of("id", id, "name", "v2-" + id, "qty", id * 2)));
                expected.put(id, "v2-" + id);
                if (id % 5 == 0) {
                    commands.add(fixture.delete(schema(), "items_order", Map.of("id", id)));
                    expected.remove(id);
                }
                if (id % 10 == 0) {
                    commands.add(fixture.upsert(schema(), "items_order", Map.of("id", id), Map.of("id", id, "name", "v3-" + id, "qty", 0L)));
                    expected.put(id, "v3-" + id);
                }
            }
            fixture.produce(commands);

            // When the sink runs
            try (ApplySink sink = fixture.sink(fixture.config(db()))) {
                sink.start();
                assertThat(sink.state()).isEqualTo(ApplySink.State.RUNNING);
                assertThatThrownBy(sink::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("RUNNING");

                // Then the table holds the last image of every key, and the offsets table accounts for every record once
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(names("items_order")).isEqualTo(expected));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(recordsCommitted(fixture)).isEqualTo(commands.size()));
                assertThat(nextOffsetSum(fixture)).isEqualTo(commands.size());
                assertThat(sink.status().commandsDeadLettered()).isZero();
                assertThat(sink.status().targetReachable()).isTrue();
                assertThat(sink.scrape()).contains("strangler_apply_batch_size").contains("strangler_apply_latency");

                // and a clean stop is final and idempotent
                sink.stop();
                assertThat(sink.state()).isEqualTo(ApplySink.State.STOPPED);
                sink.stop();
                assertThat(sink.state()).isEqualTo(ApplySink.State.STOPPED);
            }
        }
    }

    @Test
    void shouldWriteInsertOnlyColumnsWhenInsertingAndNeverOverwriteAnExistingRowWithThem() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "insert-only", 1)) {
            // Given an existing row 2 with qty 7, and upserts carrying qty=5 as an insert-only column
            execute(itemsDdl("items_insert_only"));
            execute("INSERT INTO items_insert_only (id, name, qty) VALUES (2, 'old', 7)");
            Map<String, Object> defaults = Map.of("qty", 5L);
            fixture.produce(List.of(
                    fixture.upsert(schema(), "items_insert_only", Map.of("id", 1L), Map.of("id", 1L, "name", "new"), defaults),
                    fixture.upsert(schema(), "items_insert_only", Map.of("id", 2L), Map.of("id", 2L, "name", "updated"), defaults),
                    fixture.upsert(schema(), "items_insert_only", Map.of("id", 3L), Map.of("id", 3L, "name", "own", "qty", 1L), defaults)));

            // When the sink applies them
            try (ApplySink sink = fixture.sink(fixture.config(db()))) {
                sink.start();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(names("items_insert_only")).containsEntry(1L, "new"));
                // and, once row 1 exists, an update offering another insert-only value
                fixture.produce(List.of(fixture.upsert(schema(), "items_insert_only", Map.of("id", 1L),
                        Map.of("id", 1L, "name", "again"), Map.of("qty", 6L))));

                // Then a new row gets the insert-only value, an existing row keeps its own, and the image wins a clash
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(names("items_insert_only")).containsEntry(1L, "again").containsEntry(2L, "updated")
                                .containsEntry(3L, "own"));
                assertThat(quantities("items_insert_only")).containsEntry(1L, 5L).containsEntry(2L, 7L).containsEntry(3L, 1L);
                assertThat(sink.status().commandsDeadLettered()).isZero();
            }
        }
    }

    @Test
    void shouldAcceptChildBeforeParentThanksToTheReplicationSession() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "fk", 1)) {
            // Given a foreign key from child to parent, and the child's command ahead of its parent's
            allowReplicationSession();
            execute(parentChildDdl("fk_parent", "fk_child"));
            fixture.produce(List.of(
                    fixture.upsert(schema(), "fk_child", Map.of("id", 10L), Map.of("id", 10L, "parent_id", 1L)),
                    fixture.upsert(schema(), "fk_parent", Map.of("id", 1L), Map.of("id", 1L, "name", "parent"))));

            // When the sink applies them
            try (ApplySink sink = fixture.sink(fixture.config(db()))) {
                sink.start();

                // Then both rows are there and nothing was dead-lettered
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(count("fk_child")).isEqualTo(1);
                    assertThat(count("fk_parent")).isEqualTo(1);
                });
                assertThat(sink.status().replicationSession()).isTrue();
                assertThat(sink.status().commandsDeadLettered()).isZero();
            }
        }
    }

    @Test
    void shouldDeadLetterRejectedCommandsWithTheirCauseAndKeepApplying() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "dlq", 1)) {
            // Given a table with a CHECK and a NOT NULL constraint and a mix of good and bad commands
            execute(checkedDdl("checked"));
            java.util.HashMap<String, Object> nullName = new java.util.HashMap<>();
            nullName.put("id", 4L);
            nullName.put("name", null);
            nullName.put("qty", 1L);
            fixture.produce(List.of(
                    fixture.upsert(schema(), "checked", Map.of("id", 1L), Map.of("id", 1L, "name", "ok", "qty", 1L)),
                    fixture.upsert(schema(), "checked", Map.of("id", 2L), Map.of("id", 2L, "name", "negative", "qty", -1L)),
                    fixture.upsert(schema(), "checked", Map.of("id", 3L), Map.of("id", 3L, "name", "ok", "qty", 3L)),
                    fixture.upsert(schema(), "checked", Map.of("id", 4L), nullName),
                    fixture.upsert(schema(), "checked", Map.of("id", 5L), Map.of("id", 5L, "colour", "red")),
                    fixture.upsert(schema(), "no_such_table", Map.of("id", 6L), Map.of("id", 6L)),
                    fixture.upsert(schema(), "checked", Map.of("name", "by-name"), Map.of("id", 8L, "name", "by-name", "qty", 1L))));
            fixture.produceRaw("poison", "not avro".getBytes(StandardCharsets.UTF_8));
            fixture.produce(List.of(
                    fixture.upsert(schema(), "checked", Map.of("id", 7L), Map.of("id", 7L, "name", "after", "qty", 7L))));

            // When the sink runs
            try (ApplySink sink = fixture.sink(fixture.config(db()))) {
                sink.start();

                // Then the good rows are applied
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(names("checked")).containsOnlyKeys(1L, 3L, 7L));

                // and each bad one is in the DLQ with its cause
                List<DeadLetter> letters = fixture.readDeadLetters(6, Duration.ofSeconds(30));
                assertThat(letters).hasSize(6);
                assertThat(letters).allSatisfy(letter -> {
                    assertThat(letter.getComponent()).isEqualTo("apply");
                    assertThat(letter.getSource()).isEqualTo(fixture.target);
                    assertThat(letter.getTopic()).isEqualTo(fixture.applyTopic.name());
                    assertThat(letter.getOffset()).isNotNull();
                    assertThat(letter.getErrorMessage()).doesNotContain(db().password());
                });
                DeadLetter negative = byKey(letters, "checked:{\"id\":2}");
                assertThat(negative.getSqlState()).isIn(constraintStates());
                assertThat(negative.getTable()).isEqualTo(schema() + ".checked");
                DeadLetter nulled = byKey(letters, "checked:{\"id\":4}");
                assertThat(nulled.getSqlState()).isIn(constraintStates());
                assertThat(byKey(letters, "checked:{\"id\":5}").getErrorMessage()).contains("colour");
                assertThat(byKey(letters, "no_such_table:{\"id\":6}").getErrorMessage()).contains("does not exist");
                assertThat(byKey(letters, "checked:{\"name\":\"by-name\"}").getErrorMessage())
                        .contains("not the primary key or a unique constraint");
                assertThat(byKey(letters, "poison").getErrorClass()).contains("SerializationException");
                assertThat(byKey(letters, "poison").getPayload()).isNotNull();
                assertThat(byKey(letters, "poison").getPayloadFormat()).isEqualTo("unknown");
                assertThat(negative.getPayloadFormat()).isEqualTo("confluent-avro");
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recordsCommitted(fixture)).isEqualTo(9));
                assertThat(sink.status().commandsDeadLettered()).isEqualTo(6);
            }
        }
    }

    @Test
    void shouldWriteASourceTransactionWholeWhenItsCommandsArriveApart() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "tx-whole", 2)) {
            execute(itemsDdl("items_tx"));
            Map<String, Object> config = new java.util.HashMap<>(fixture.config(db()));
            config.put(ApplySinkConfig.TRANSACTION_WAIT_MS, 120_000L); // far longer than the test: never given up on
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (ApplySink sink = new ApplySink(new ApplySinkConfig(config), meters, ApplyHooks.NONE)) {
                sink.start();
                // Given: the first command of a two-command source transaction
                fixture.produce(List.of(inTransaction(fixture.upsert(schema(), "items_tx", Map.of("id", 1L),
                        Map.of("id", 1L, "name", "debit", "qty", -5L)), "tx-1", 1)));

                // Then: the sink reads it and holds it back
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(meters.get("strangler.apply.held").gauge().value()).isEqualTo(1.0));
                assertThat(names("items_tx")).doesNotContainKey(1L);

                // When: its second command arrives
                fixture.produce(List.of(inTransaction(fixture.upsert(schema(), "items_tx", Map.of("id", 2L),
                        Map.of("id", 2L, "name", "credit", "qty", 5L)), "tx-1", 2)));

                // Then: both are written, in one database transaction
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(names("items_tx")).containsOnlyKeys(1L, 2L));
                assertThat(meters.get("strangler.apply.transactions").counter().count()).isEqualTo(1.0);
                assertThat(meters.get("strangler.apply.transactions.partial").counter().count()).isZero();
            }
        }
    }

    @Test
    void shouldWriteATransactionWithoutItsMissingCommandsAfterTheTransactionWait() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "tx-partial", 1)) {
            execute(itemsDdl("items_tx_partial"));
            Map<String, Object> config = new java.util.HashMap<>(fixture.config(db()));
            config.put(ApplySinkConfig.TRANSACTION_WAIT_MS, 300L);
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (ApplySink sink = new ApplySink(new ApplySinkConfig(config), meters, ApplyHooks.NONE)) {
                sink.start();
                // Given: one command of a two-command transaction whose other command never comes
                fixture.produce(List.of(inTransaction(fixture.upsert(schema(), "items_tx_partial", Map.of("id", 1L),
                        Map.of("id", 1L, "name", "orphan", "qty", 1L)), "tx-lost", 1)));

                // Then: it is written after the wait, and counted
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(names("items_tx_partial")).containsOnlyKeys(1L));
                assertThat(meters.get("strangler.apply.transactions.partial").counter().count()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void shouldApplyAReplayedDeadLetterAtOnceThoughTheRestOfItsTransactionIsNotComing() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "tx-replayed", 1)) {
            execute(itemsDdl("items_tx_replayed"));
            Map<String, Object> config = new java.util.HashMap<>(fixture.config(db()));
            config.put(ApplySinkConfig.TRANSACTION_WAIT_MS, Duration.ofMinutes(10).toMillis());
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (ApplySink sink = new ApplySink(new ApplySinkConfig(config), meters, ApplyHooks.NONE)) {
                sink.start();
                // Given: a dead-lettered command of a two-command transaction, sent again by `strangler dlq replay`
                // (its transaction's other command was applied when it first went through)
                fixture.produceReplayed(inTransaction(fixture.upsert(schema(), "items_tx_replayed", Map.of("id", 1L),
                        Map.of("id", 1L, "name", "fixed", "qty", 1L)), "tx-long-ago", 2));

                // Then: it is written without waiting the ten minutes for the other one, and not counted as partial
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(names("items_tx_replayed")).containsOnlyKeys(1L));
                assertThat(meters.get("strangler.apply.transactions.partial").counter().count()).isZero();
            }
        }
    }

    /** {@code command} as the sync tags the command of change {@code order} of a two-change source transaction. */
    private static ApplyCommand inTransaction(ApplyCommand command, String id, long order) {
        command.setTransaction(new SourceTransaction(id, 2L, order, 1));
        return command;
    }

    private static DeadLetter byKey(List<DeadLetter> letters, String key) {
        return letters.stream().filter(l -> key.equals(l.getKey())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter with key " + key + " in " + letters));
    }

    protected void execute(String ddl) throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            for (String sql : ddl.split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
    }

    protected Map<Long, String> names(String table) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2));
            }
        }
        return rows;
    }

    protected Map<Long, Long> quantities(String table) throws SQLException {
        Map<Long, Long> out = new TreeMap<>();
        try (Connection c = db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, qty FROM " + table)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    protected long count(String table) throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    protected long recordsCommitted(ApplyFixture fixture) throws SQLException {
        return offsetsQuery(fixture, "records_committed");
    }

    protected long nextOffsetSum(ApplyFixture fixture) throws SQLException {
        return offsetsQuery(fixture, "next_offset");
    }

    private long offsetsQuery(ApplyFixture fixture, String column) throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(" + column + "), 0) FROM strangler_apply_offsets WHERE topic = '"
                     + fixture.applyTopic.name() + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
