package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.CounterValues;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delta counters against a model (issue #15): a {@code wallets} mapping with {@code counters: [balance]}, two simulated
 * databases whose writers increment the same few balances (and rename owners, a plain column) on both sides, in random
 * interleavings of deliveries and applies. The simulated apply sink works as the real one: batches of up to five
 * commands whose SQL ({@code balance = COALESCE(balance, 0) + ?}, upserts whose increments only touch an existing row)
 * runs in order, and whose changes reach the log either one per command or folded into one per row (what coalescing
 * writes). Capture re-delivers changes it already published (a restart from an older offset), tagged by origin as
 * capture tags them.
 *
 * <p>After quiescence both databases are identical, nothing was dead-lettered or left unattributed, and, in the runs
 * without deletes, every balance equals its opening balance plus every local increment made on either side: no echo and
 * no re-delivery added a delta twice, no concurrent increment was lost. Runs with deletes (and re-inserts racing
 * increments) check that both sides still agree. Replay: {@code -Dtest=SyncCounterModelTest -Dsync.model.seed=<seed>
 * -Dsync.model.trace=true}; more seeds with {@code -Dsync.model.seeds=<n>}.
 */
class SyncCounterModelTest {

    private static final int KEYS = 3;
    private static final int STEPS = 300;
    private static final TableRef MONOLITH_TABLE = new TableRef("public", "wallet");
    private static final TableRef SERVICE_TABLE = new TableRef("pay", "wallet");

    static Stream<Arguments> runs() {
        String only = System.getProperty("sync.model.seed");
        LongStream seeds = only != null ? LongStream.of(Long.parseLong(only))
                : LongStream.rangeClosed(1, Long.getLong("sync.model.seeds", 10));
        return seeds.boxed().flatMap(seed -> Stream.of(
                Arguments.of("last-write-wins", seed, false),
                Arguments.of("priority-service", seed, false),
                Arguments.of("last-write-wins", seed, true),
                Arguments.of("priority-monolith", seed, true)));
    }

    @ParameterizedTest(name = "{0} seed {1} deletes {2}")
    @MethodSource("runs")
    void shouldAddEveryIncrementOnceOnBothSides(String strategy, long seed, boolean deletes) {
        try {
            new Run(strategy, seed, deletes).execute();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("counter model run failed: strategy " + strategy + ", seed " + seed + ", deletes "
                    + deletes + " (replay with -Dsync.model.seed=" + seed + "): " + e.getMessage(), e);
        }
    }

    static ResolvedMapping wallets(ConflictStrategy strategy) {
        Mapping mapping = new Mapping("wallets", MONOLITH_TABLE, SERVICE_TABLE, List.of("id"), Map.of(), List.of(),
                List.of(), List.of(), List.of(), Direction.BOTH, strategy, List.of("balance"));
        return new ResolvedMapping(mapping, List.of("id"), List.of(new MappedColumn("id", "id", "id"),
                new MappedColumn("owner", "owner", "owner"), new MappedColumn("balance", "balance", "balance")));
    }

    private static final class Run {
        private final String strategyName;
        private final Random random;
        private final boolean deletes;
        private final SyncFixture fixture;
        private final Map<Side, Wallets> databases = new EnumMap<>(Side.class);
        private final Map<Side, Deque<ApplyCommand>> applies = new EnumMap<>(Side.class);
        /** Per key, the opening balance plus every local increment on either side since. */
        private final Map<Long, Long> expectedBalance = new TreeMap<>();
        private final List<String> trace = new ArrayList<>();
        private long clock = 1_000_000;
        private int writes;

        Run(String strategyName, long seed, boolean deletes) {
            this.strategyName = strategyName;
            this.random = new Random(seed);
            this.deletes = deletes;
            ConflictStrategy strategy = switch (strategyName) {
                case "last-write-wins" -> new ConflictStrategy.LastWriteWins(Duration.ZERO, MONOLITH);
                case "priority-monolith" -> new ConflictStrategy.Priority(MONOLITH);
                case "priority-service" -> new ConflictStrategy.Priority(SERVICE);
                default -> throw new IllegalArgumentException(strategyName);
            };
            fixture = new SyncFixture(wallets(strategy), SyncSettings.defaults().withEchoClockTolerance(Duration.ZERO),
                    SyncTopology.Stores.IN_MEMORY);
            for (Side side : Side.values()) {
                databases.put(side, new Wallets(side));
                applies.put(side, new ArrayDeque<>());
            }
        }

        void execute() {
            try {
                // every wallet opens on the monolith and reaches the service before the concurrent writes start
                for (long id = 1; id <= KEYS; id++) {
                    clock += 1_000;
                    long opening = random.nextInt(100);
                    databases.get(MONOLITH).open(id, opening, clock);
                    expectedBalance.put(id, opening);
                }
                quiesce();
                for (int step = 0; step < STEPS; step++) {
                    step();
                }
                quiesce();
                check();
            } catch (AssertionError | RuntimeException e) {
                if (Boolean.getBoolean("sync.model.trace")) {
                    trace.forEach(line -> org.slf4j.LoggerFactory.getLogger(SyncCounterModelTest.class).error(line));
                }
                throw e;
            } finally {
                fixture.close();
            }
        }

        private void step() {
            int action = random.nextInt(7);
            Side side = random.nextBoolean() ? MONOLITH : SERVICE;
            switch (action) {
                case 0, 1 -> write(side, 1 + random.nextInt(KEYS));
                case 2, 3 -> deliver(side);
                case 4 -> redeliver(side);
                default -> applyBatch(side);
            }
        }

        private void write(Side side, long id) {
            clock += 1_000;
            long delta = databases.get(side).localWrite(id, clock, side.label().charAt(0) + Integer.toString(++writes));
            expectedBalance.merge(id, delta, Long::sum);
        }

        private void deliver(Side side) {
            Wallets database = databases.get(side);
            if (database.log.isEmpty()) {
                return;
            }
            RowChange change = database.log.poll();
            database.published.add(change);
            pipe(side, change, "deliver");
        }

        /** Capture restarted from an older offset: one of the last few changes it published, again. */
        private void redeliver(Side side) {
            List<RowChange> published = databases.get(side).published;
            if (!published.isEmpty()) {
                int back = Math.min(published.size(), 1 + random.nextInt(5));
                pipe(side, published.get(published.size() - back), "REDELIVER");
            }
        }

        private void pipe(Side side, RowChange change, String how) {
            fixture.advance(Duration.ofMillis(Math.max(0, clock / 1_000 - fixture.wallClockMillis())));
            trace.add(how + " " + side + " " + change.getKey().get("id") + " " + change.getOp() + " " + change.getOrigin()
                    + " " + change.getBefore() + " -> " + change.getAfter() + " @" + change.getSourcePosition());
            fixture.pipe(side, change);
            for (Side target : Side.values()) {
                for (KeyValue<String, ApplyCommand> kv : fixture.applies(target)) {
                    applies.get(target).add(kv.value);
                    trace.add("   sync sends " + target + " " + kv.value.getKey().get("id") + " " + kv.value.getOp() + " " + kv.value.getRow() + " insertOnly "
                            + kv.value.getInsertOnly() + " increments " + kv.value.getIncrements() + " "
                            + kv.value.getReason());
                }
            }
            fixture.conflicts().forEach(c -> trace.add("   conflict " + c.getKind() + " -> " + c.getWinner()));
            assertThat(fixture.deadLetters()).as("dead letters").isEmpty();
        }

        /** The apply sink's next batch on {@code side}: up to five queued commands in one transaction. */
        private void applyBatch(Side side) {
            Deque<ApplyCommand> queue = applies.get(side);
            List<ApplyCommand> batch = new ArrayList<>();
            int size = random.nextBoolean() ? 1 : 1 + random.nextInt(5);
            while (batch.size() < size && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            if (!batch.isEmpty()) {
                clock += 1_000;
                boolean folded = random.nextBoolean();
                trace.add("t=" + clock + " apply " + side + " batch of " + batch.size() + (folded ? " (folded)" : ""));
                databases.get(side).apply(batch, clock, folded, random);
            }
        }

        private void quiesce() {
            for (int guard = 0; guard < 100_000; guard++) {
                List<Runnable> possible = new ArrayList<>();
                for (Side side : Side.values()) {
                    if (!databases.get(side).log.isEmpty()) {
                        possible.add(() -> deliver(side));
                    }
                    if (!applies.get(side).isEmpty()) {
                        possible.add(() -> applyBatch(side));
                    }
                }
                if (possible.isEmpty()) {
                    return;
                }
                possible.get(random.nextInt(possible.size())).run();
            }
            throw new AssertionError("no quiescence after 100000 deliveries: the sync keeps sending (a loop?)");
        }

        private void check() {
            Map<Long, Map<String, Object>> monolith = databases.get(MONOLITH).rows;
            Map<Long, Map<String, Object>> service = databases.get(SERVICE).rows;
            if (deletes) {
                // a row deleted on one side while the other increments it, then re-created, may leave its counters
                // apart (docs/mappings.md, "Counters"): the rest of every row, and which rows exist, must agree
                assertThat(withoutBalance(service)).as("service rows equal monolith rows, balances aside")
                        .isEqualTo(withoutBalance(monolith));
                return;
            }
            assertThat(service).as("service rows equal monolith rows").isEqualTo(monolith);
            assertThat(fixture.metric("counters-unattributed-total", Map.of())).as("unattributed counter changes")
                    .isZero();
            if (!deletes) {
                Map<Long, Long> balances = new TreeMap<>();
                monolith.forEach((id, row) -> balances.put(id, (Long) row.get("balance")));
                assertThat(balances).as("balances against opening balance + every local increment (%s)", strategyName)
                        .isEqualTo(expectedBalance);
            }
        }

        /** One side's wallets (id, owner, balance) and its change log, with before images (REPLICA IDENTITY FULL). */
        private final class Wallets {
            private final Side side;
            private final Map<Long, Map<String, Object>> rows = new TreeMap<>();
            private final Deque<RowChange> log = new ArrayDeque<>();
            private final List<RowChange> published = new ArrayList<>();
            private long lsn;

            Wallets(Side side) {
                this.side = side;
            }

            void open(long id, long balance, long micros) {
                Map<String, Object> row = wallet(id, "opened", balance);
                rows.put(id, row);
                log(Operation.CREATE, id, null, row, micros, ChangeOrigin.LOCAL);
            }

            /** An application write; returns what it added to the balance (0 for none, or a delete). */
            long localWrite(long id, long micros, String tag) {
                Map<String, Object> current = rows.get(id);
                if (current == null) {
                    if (!deletes) {
                        return 0;
                    }
                    long balance = random.nextInt(100);
                    Map<String, Object> row = wallet(id, "o" + tag, balance);
                    rows.put(id, row);
                    log(Operation.CREATE, id, null, row, micros, ChangeOrigin.LOCAL);
                    trace.add("t=" + micros + " local " + side + " insert " + row);
                    return balance;
                }
                if (deletes && random.nextInt(5) == 0) {
                    rows.remove(id);
                    log(Operation.DELETE, id, current, null, micros, ChangeOrigin.LOCAL);
                    trace.add("t=" + micros + " local " + side + " delete " + id);
                    return 0;
                }
                Map<String, Object> row = new LinkedHashMap<>(current);
                int kind = random.nextInt(4);
                long delta = 0;
                if (kind != 0) {
                    delta = random.nextInt(101) - 50;
                    row.put("balance", (Long) CounterValues.add(row.get("balance"), delta));
                }
                if (kind <= 1) {
                    row.put("owner", "o" + tag);
                }
                rows.put(id, row);
                log(Operation.UPDATE, id, current, row, micros, ChangeOrigin.LOCAL);
                trace.add("t=" + micros + " local " + side + " update " + current + " -> " + row);
                return delta;
            }

            /**
             * A batch as the apply sink runs it: the commands' SQL in order; the log gets a change per command that
             * changed its row, or ({@code folded}) one change per row from before the batch to after it.
             */
            void apply(List<ApplyCommand> batch, long micros, boolean folded, Random random) {
                Map<Long, Map<String, Object>> beforeBatch = new HashMap<>();
                List<Long> order = new ArrayList<>();
                for (ApplyCommand command : batch) {
                    long id = (Long) command.getKey().get("id");
                    if (!beforeBatch.containsKey(id)) {
                        beforeBatch.put(id, rows.get(id));
                        order.add(id);
                    }
                    Map<String, Object> before = rows.get(id);
                    Map<String, Object> after = run(command, before);
                    if (after == null) {
                        rows.remove(id);
                    } else {
                        rows.put(id, after);
                    }
                    trace.add("   " + side + " " + id + " " + command.getOp() + " " + command.getRow() + " insertOnly " + command.getInsertOnly()
                            + " increments " + command.getIncrements() + ": " + before + " -> " + after);
                    if (!folded) {
                        logApplied(id, before, after, command.getOp() == ApplyOperation.UPSERT, micros, random);
                    }
                }
                if (folded) {
                    order.forEach(id -> logApplied(id, beforeBatch.get(id), rows.get(id), true, micros, random));
                }
            }

            private Map<String, Object> run(ApplyCommand command, Map<String, Object> current) {
                Map<String, Object> increments = command.getIncrements() == null ? Map.of()
                        : CanonicalRow.fromAvro(command.getIncrements()).values();
                switch (command.getOp()) {
                    case DELETE:
                        return null;
                    case INCREMENT:
                        return current == null ? null : plus(new LinkedHashMap<>(current), increments);
                    default:
                        Map<String, Object> image = CanonicalRow.fromAvro(command.getRow()).values();
                        if (current == null) {
                            Map<String, Object> inserted = wallet((Long) command.getKey().get("id"), null, null);
                            if (command.getInsertOnly() != null) {
                                inserted.putAll(CanonicalRow.fromAvro(command.getInsertOnly()).values());
                            }
                            inserted.putAll(image);
                            return inserted;
                        }
                        Map<String, Object> updated = new LinkedHashMap<>(current);
                        updated.putAll(image);
                        Map<String, Object> added = new LinkedHashMap<>(increments);
                        added.keySet().removeAll(image.keySet());
                        return plus(updated, added);
                }
            }

            private Map<String, Object> plus(Map<String, Object> row, Map<String, Object> increments) {
                increments.forEach((column, amount) -> row.put(column, CounterValues.add(row.get(column), amount)));
                return row;
            }

            /** PostgreSQL logs an upsert that changed nothing too; MariaDB does not: either, at random. */
            private void logApplied(long id, Map<String, Object> before, Map<String, Object> after, boolean upsert,
                                    long micros, Random random) {
                if (before == null && after == null) {
                    return;
                }
                if (Objects.equals(before, after) && !(upsert && random.nextBoolean())) {
                    return;
                }
                Operation op = before == null ? Operation.CREATE : after == null ? Operation.DELETE : Operation.UPDATE;
                log(op, id, before, after, micros, ChangeOrigin.APPLY);
            }

            private void log(Operation op, long id, Map<String, Object> before, Map<String, Object> after, long micros,
                             ChangeOrigin origin) {
                RowChange change = fixture.change(side, op, id, before, after, micros);
                change.setOrigin(origin);
                // PostgreSQL LSNs, so that the sync can tell a re-delivery by its position
                change.setSourcePosition(String.format("0/%X", ++lsn * 64));
                log.add(change);
            }
        }

        private static Map<Long, Map<String, Object>> withoutBalance(Map<Long, Map<String, Object>> rows) {
            Map<Long, Map<String, Object>> out = new TreeMap<>();
            rows.forEach((id, row) -> {
                Map<String, Object> rest = new LinkedHashMap<>(row);
                rest.remove("balance");
                out.put(id, rest);
            });
            return out;
        }

        private static Map<String, Object> wallet(long id, String owner, Long balance) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("owner", owner);
            row.put("balance", balance);
            return row;
        }
    }
}
