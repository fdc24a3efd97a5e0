package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.apply.internal.ApplyHooks;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.DeadLetter;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Counter columns through a real broker into a real database: UPSERTs with increments, INCREMENTs and DELETEs of hot
 * rows in batches that coalesce, while the application increments the same rows; and across sink crashes. Every
 * amount must be added exactly once. Run by {@link PostgresCountersIT} and {@link MariaDbCountersIT}.
 */
abstract class CountersBehaviour {

    private static final BigDecimal JUNK_DECIMAL = new BigDecimal("-99999.99");
    private static final long JUNK = -999_999L;
    private static final Pattern STATEMENTS = Pattern.compile("(?m)^strangler_apply_statements_total\\{[^}]*} ([0-9.E]+)$");

    protected abstract TestDatabase db();

    protected abstract TestKafka kafka();

    protected abstract String schema();

    /** id bigint primary key, name varchar(50), bal bigint, amt decimal(14,2), note text (not numeric). */
    protected abstract String accountsDdl(String table);

    /** Expected balance and amount of one row; null when the row must be absent. */
    private record Account(long bal, BigDecimal amt) {
        Account plus(long dBal, BigDecimal dAmt) {
            return new Account(bal + dBal, amt.add(dAmt));
        }
    }

    @Test
    void shouldAddEveryAmountOnceWhileTheApplicationIncrementsTheSameRows() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "counters", 3)) {
            // Given 8 hot accounts the application also writes, and 4 accounts the sync creates, deletes and re-creates
            String table = "acc_hot";
            execute(accountsDdl(table));
            Map<Long, Account> expected = new TreeMap<>();
            for (long id = 1; id <= 8; id++) {
                execute("INSERT INTO " + table + " (id, name, bal, amt) VALUES (" + id + ", 'start', 1000, 100.00)");
                expected.put(id, new Account(1_000, new BigDecimal("100.00")));
            }
            Random random = new Random(42);
            List<List<ApplyCommand>> waves = new ArrayList<>();
            for (int wave = 0; wave < 4; wave++) {
                waves.add(hotRowCommands(fixture, table, random, expected, 1_500));
            }
            int total = waves.stream().mapToInt(List::size).sum();
            fixture.produce(waves.get(0));

            // When the application increments the hot rows while the sink applies the waves
            AtomicBoolean writing = new AtomicBoolean(true);
            Map<Long, Account> local = new HashMap<>();
            AtomicInteger localWrites = new AtomicInteger();
            Thread application = new Thread(() -> applicationWrites(table, writing, local, localWrites), "application");
            application.start();
            Map<String, Object> config = fixture.config(db());
            try (ApplySink sink = fixture.sink(config)) {
                sink.start();
                for (List<ApplyCommand> wave : waves.subList(1, waves.size())) {
                    Thread.sleep(300);
                    fixture.produce(wave);
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> recordsCommitted(fixture) == total);
                writing.set(false);
                application.join(30_000);

                // Then every row holds its start plus every remote and every local amount, once
                local.forEach((id, delta) -> expected.merge(id, delta, (a, b) -> a.plus(b.bal(), b.amt())));
                assertThat(accounts(table)).isEqualTo(expected);
                assertThat(localWrites.get()).as("the application wrote while the sink ran").isPositive();
                assertThat(sink.status().commandsDeadLettered()).isZero();
                assertThat(statementsExecuted(sink)).as("batches coalesced").isLessThan(total / 2);
            }
        }
    }

    @Test
    void shouldAddEveryAmountExactlyOnceAcrossSinkCrashes() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "counters-crash", 2)) {
            // Given 3,000 counter commands for 6 hot rows, applied in batches of 100
            String table = "acc_crash";
            execute(accountsDdl(table));
            Map<Long, Account> start = new TreeMap<>();
            for (long id = 1; id <= 6; id++) {
                execute("INSERT INTO " + table + " (id, name, bal, amt) VALUES (" + id + ", 'start', 0, 0.00)");
                start.put(id, new Account(0, new BigDecimal("0.00")));
            }
            Random random = new Random(7);
            List<ApplyCommand> commands = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                long id = 1 + random.nextInt(6);
                long dBal = random.nextInt(21) - 10;
                String dAmt = BigDecimal.valueOf(random.nextInt(2_001) - 1_000, 2).toPlainString();
                commands.add(random.nextBoolean()
                        ? fixture.increment(schema(), table, Map.of("id", id), Map.of("bal", dBal, "amt", dAmt))
                        : fixture.upsert(schema(), table, Map.of("id", id), Map.of("id", id, "name", "n" + i),
                                Map.of("bal", JUNK, "amt", JUNK_DECIMAL.toPlainString()), Map.of("bal", dBal, "amt", dAmt)));
            }
            fixture.produce(commands);
            Map<Integer, List<ApplyCommand>> byPartition = fixture.readApplyCommands(commands.size(), Duration.ofSeconds(30));
            Map<String, Object> config = fixture.config(db());
            config.put(ApplySinkConfig.BATCH_SIZE, 100);
            config.put(ApplySinkConfig.LINGER_MS, 50L);

            // When one sink dies with its fourth batch written but not committed
            AtomicInteger batches = new AtomicInteger();
            ApplySink first = fixture.sink(config, new ApplyHooks() {
                @Override
                public void beforeCommit() {
                    if (batches.incrementAndGet() == 4) {
                        throw new CrashRecoveryIT.SimulatedCrash("crash inside batch 4, before commit");
                    }
                }
            });
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> first.state() == ApplySink.State.FAILED);
            first.stop();

            // Then the rows hold exactly the amounts of the records the offsets table says are applied
            assertThat(recordsCommitted(fixture)).isBetween(1L, (long) commands.size() - 1);
            assertThat(accounts(table)).isEqualTo(appliedPrefix(start, byPartition, nextOffsets(fixture)));

            // When the next one dies right after its third commit, before Kafka hears of it
            AtomicInteger commits = new AtomicInteger();
            ApplySink second = fixture.sink(config, new ApplyHooks() {
                @Override
                public void afterCommit() {
                    if (commits.incrementAndGet() == 3) {
                        throw new CrashRecoveryIT.SimulatedCrash("crash after commit 3");
                    }
                }
            });
            second.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> second.state() == ApplySink.State.FAILED);
            second.stop();
            assertThat(accounts(table)).isEqualTo(appliedPrefix(start, byPartition, nextOffsets(fixture)));

            // and a third runs to the end
            try (ApplySink third = fixture.sink(config)) {
                third.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> recordsCommitted(fixture) == commands.size());

                // Then every amount was added exactly once
                Map<Integer, Long> ends = new HashMap<>();
                byPartition.forEach((partition, list) -> ends.put(partition, (long) list.size()));
                assertThat(nextOffsets(fixture)).isEqualTo(ends);
                assertThat(accounts(table)).isEqualTo(appliedPrefix(start, byPartition, ends));
                assertThat(third.status().commandsDeadLettered()).isZero();
            }
        }
    }

    @Test
    void shouldDeadLetterIncrementsThatDoNotFitTheirColumnNamingTableAndColumn() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "counters-dlq", 1)) {
            // Given an account and increments of an unknown column, a text column, a key column, and wrong amounts
            String table = "acc_dlq";
            execute(accountsDdl(table));
            execute("INSERT INTO " + table + " (id, name, bal, amt) VALUES (1, 'a', 10, 1.00)");
            fixture.produce(List.of(
                    fixture.increment(schema(), table, Map.of("id", 1L), Map.of("nope", 1L)),
                    fixture.increment(schema(), table, Map.of("id", 1L), Map.of("note", 1L)),
                    fixture.increment(schema(), table, Map.of("id", 1L), Map.of("id", 1L)),
                    fixture.increment(schema(), table, Map.of("id", 1L), Map.of("bal", "1.5")),
                    fixture.increment(schema(), table, Map.of("id", 1L), Map.of("amt", "one")),
                    fixture.increment(schema(), table, Map.of("id", 1L), Map.of()),
                    fixture.increment(schema(), table, Map.of("id", 1L), Map.of("bal", 5L, "amt", "0.25")),
                    fixture.increment(schema(), table, Map.of("id", 2L), Map.of("bal", 5L))));

            // When the sink runs
            try (ApplySink sink = fixture.sink(fixture.config(db()))) {
                sink.start();

                // Then the good increment is applied, the one of a missing row does nothing, and the rest are dead letters
                await().atMost(Duration.ofSeconds(60)).until(() -> recordsCommitted(fixture) == 8);
                assertThat(accounts(table)).isEqualTo(Map.of(1L, new Account(15, new BigDecimal("1.25"))));
                List<DeadLetter> letters = fixture.readDeadLetters(6, Duration.ofSeconds(30));
                assertThat(letters).extracting(DeadLetter::getErrorMessage).satisfiesExactly(
                        m -> assertThat(m).contains(schema() + "." + table).contains("nope"),
                        m -> assertThat(m).contains(schema() + "." + table).contains("'note'").contains("cannot be incremented"),
                        m -> assertThat(m).contains(schema() + "." + table).contains("'id'").contains("key column"),
                        m -> assertThat(m).contains(schema() + "." + table).contains("'bal'").contains("not an integer"),
                        m -> assertThat(m).contains(schema() + "." + table).contains("'amt'").contains("not a decimal number"),
                        m -> assertThat(m).contains(schema() + "." + table).contains("has no increments"));
                assertThat(sink.status().commandsDeadLettered()).isEqualTo(6);
            }
        }
    }

    @Test
    void shouldCountANullCounterAsZeroWhenAddingToIt() throws Exception {
        try (ApplyFixture fixture = new ApplyFixture(kafka(), "counters-null", 1)) {
            // Given an account whose counters are NULL, and one that does not exist yet
            String table = "acc_null";
            execute(accountsDdl(table));
            execute("INSERT INTO " + table + " (id, name) VALUES (1, 'nulls')");
            fixture.produce(List.of(
                    fixture.increment(schema(), table, Map.of("id", 1L), Map.of("bal", 5L, "amt", "0.25")),
                    fixture.upsert(schema(), table, Map.of("id", 2L), Map.of("id", 2L, "name", "new"),
                            java.util.Collections.singletonMap("bal", null), Map.of("bal", 7L))));

            // When the sink adds to both
            try (ApplySink sink = fixture.sink(fixture.config(db()))) {
                sink.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> recordsCommitted(fixture) == 2);

                // Then NULL plus an amount is the amount (as the sync's deltas count NULL as zero), not NULL
                try (Connection c = db().connect(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT id, bal, amt FROM " + table + " ORDER BY id")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(2)).isEqualTo(5L);
                    assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("0.25");
                    // a new row takes its insert-only value, NULL, not the increment meant for an existing row
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(2)).isNull();
                }
                assertThat(sink.status().commandsDeadLettered()).isZero();
            }
        }
    }

    /** Commands the sync would send for hot rows 1..8 (never deleted) and churn rows 101..104, with the expected end. */
    private List<ApplyCommand> hotRowCommands(ApplyFixture fixture, String table, Random random, Map<Long, Account> expected,
                                              int count) {
        List<ApplyCommand> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long dBal = random.nextInt(201) - 100;
            BigDecimal dAmt = BigDecimal.valueOf(random.nextInt(20_001) - 10_000, 2);
            Map<String, Object> amounts = Map.of("bal", dBal, "amt", dAmt.toPlainString());
            if (random.nextInt(100) < 85) {
                long id = 1 + random.nextInt(8);
                Map<String, Object> key = Map.of("id", id);
                int kind = random.nextInt(10);
                if (kind < 6) {
                    commands.add(fixture.increment(schema(), table, key, amounts));
                } else if (kind < 9) {
                    // the new-row values are junk: the row exists, so only the increments may count
                    commands.add(fixture.upsert(schema(), table, key, Map.of("id", id, "name", "u" + i),
                            Map.of("bal", JUNK, "amt", JUNK_DECIMAL.toPlainString()), amounts));
                } else {
                    commands.add(fixture.upsert(schema(), table, key, Map.of("id", id, "name", "u" + i),
                            Map.of("bal", JUNK, "amt", JUNK_DECIMAL.toPlainString())));
                    continue;
                }
                expected.computeIfPresent(id, (k, a) -> a.plus(dBal, dAmt));
                continue;
            }
            long id = 101 + random.nextInt(4);
            Map<String, Object> key = Map.of("id", id);
            Account current = expected.get(id);
            int kind = random.nextInt(10);
            if (current == null && kind < 3) {
                commands.add(fixture.increment(schema(), table, key, amounts)); // a missing row: no effect
            } else if (current == null) {
                long bal = random.nextInt(1_000);
                BigDecimal amt = BigDecimal.valueOf(random.nextInt(100_000), 2);
                commands.add(fixture.upsert(schema(), table, key, Map.of("id", id, "name", "c" + i),
                        Map.of("bal", bal, "amt", amt.toPlainString()), Map.of("bal", bal, "amt", amt.toPlainString())));
                expected.put(id, new Account(bal, amt));
            } else if (kind < 2) {
                commands.add(fixture.delete(schema(), table, key));
                expected.remove(id);
            } else {
                commands.add(fixture.increment(schema(), table, key, amounts));
                expected.put(id, current.plus(dBal, dAmt));
            }
        }
        return commands;
    }

    /** Increments one hot row per transaction, as an application would; remembers what it added once committed. */
    private void applicationWrites(String table, AtomicBoolean writing, Map<Long, Account> added, AtomicInteger writes) {
        Random random = new Random(99);
        try (Connection c = db().connect();
             PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET bal = bal + ?, amt = amt + ? WHERE id = ?")) {
            c.setAutoCommit(true);
            while (writing.get()) {
                long id = 1 + random.nextInt(8);
                long dBal = random.nextInt(11) - 5;
                BigDecimal dAmt = BigDecimal.valueOf(random.nextInt(1_001) - 500, 2);
                update.setLong(1, dBal);
                update.setBigDecimal(2, dAmt);
                update.setLong(3, id);
                update.executeUpdate();
                synchronized (added) {
                    added.merge(id, new Account(dBal, dAmt), (a, b) -> a.plus(b.bal(), b.amt()));
                }
                writes.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("application write failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The rows after the first {@code next} records of each partition, applied one by one. */
    private static Map<Long, Account> appliedPrefix(Map<Long, Account> start, Map<Integer, List<ApplyCommand>> byPartition,
                                                    Map<Integer, Long> next) {
        Map<Long, Account> rows = new TreeMap<>(start);
        byPartition.forEach((partition, commands) -> {
            long applied = next.getOrDefault(partition, 0L);
            for (ApplyCommand command : commands.subList(0, (int) applied)) {
                long id = (Long) command.getKey().get("id");
                Map<String, Object> amounts = command.getIncrements();
                rows.computeIfPresent(id, (k, a) -> a.plus((Long) amounts.get("bal"),
                        new BigDecimal(amounts.get("amt").toString())));
            }
        });
        return rows;
    }

    private Map<Long, Account> accounts(String table) throws SQLException {
        Map<Long, Account> rows = new TreeMap<>();
        try (Connection c = db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, bal, amt FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new Account(rs.getLong(2), rs.getBigDecimal(3).setScale(2)));
            }
        }
        return rows;
    }

    private static long statementsExecuted(ApplySink sink) {
        Matcher m = STATEMENTS.matcher(sink.scrape());
        assertThat(m.find()).as("statements meter in %s", sink.scrape()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private long recordsCommitted(ApplyFixture fixture) throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(records_committed), 0) FROM strangler_apply_offsets WHERE topic = '"
                     + fixture.applyTopic.name() + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<Integer, Long> nextOffsets(ApplyFixture fixture) throws SQLException {
        Map<Integer, Long> next = new HashMap<>();
        try (Connection c = db().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT partition_id, next_offset FROM strangler_apply_offsets WHERE topic = '"
                     + fixture.applyTopic.name() + "'")) {
            while (rs.next()) {
                next.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return next;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
