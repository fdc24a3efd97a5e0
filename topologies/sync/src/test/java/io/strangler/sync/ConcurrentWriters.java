package io.strangler.sync;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.RowHash;
import io.strangler.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writer threads on both databases of a convergence IT, each running random transactions of a {@link Workload} until
 * stopped, and the last committed write of every row they touched, for the priority oracle. A transaction that fails
 * (deadlock, a row the sync deleted meanwhile) or changes nothing did not happen. The workload reads each changed row
 * back inside its transaction; the writer takes the write's sequence number while the transaction still holds its row
 * locks, so for any two writes of one row on one database the later commit has the higher number.
 */
final class ConcurrentWriters implements AutoCloseable {

    /** One committed local write: its global sequence, side, and the row it left (null hash and row: deleted). */
    record LastWrite(long sequence, Side side, RowHash hash, String row) {

        /** For a failure message: the row written or "a delete", and the write's number. */
        static String describe(LastWrite write) {
            if (write == null) {
                return "nothing in this run";
            }
            return (write.hash() == null ? "a delete" : write.row()) + " (write #" + write.sequence() + ")";
        }
    }

    /** A row last written on the priority side that does not hold that write; {@code other}: the other side's last. */
    record OffOracle(String table, String key, LastWrite last, LastWrite other) {
    }

    /** What the writers do: one writer per connection, each running transactions on it. */
    interface Workload {
        /** A writer on {@code connection} (autocommit off), which may read the catalog once here. */
        Writer open(Connection connection, Side side) throws SQLException;
    }

    /** One writer's transactions: it runs the statements of one and records what it left, the caller commits. */
    interface Writer {
        void transaction(String tag, Random random, WrittenRows written) throws SQLException;
    }

    /** The rows one transaction left, by table and canonical key. */
    static final class WrittenRows {
        private final Map<String, Map<String, LastWrite>> rows = new LinkedHashMap<>();

        /** The row under {@code key} now hashes to {@code hash}; {@code row} describes it for failure messages. */
        void left(String table, String key, RowHash hash, String row) {
            rows.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(key, new LastWrite(0, null, hash, row));
        }

        void deleted(String table, String key) {
            left(table, key, null, null);
        }

        boolean isEmpty() {
            return rows.values().stream().allMatch(Map::isEmpty);
        }
    }

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();
    /** table → canonical key → the last committed write, over both sides and per side. */
    private final Map<String, Map<String, LastWrite>> lastWrites = new ConcurrentHashMap<>();
    private final Map<Side, Map<String, Map<String, LastWrite>>> lastWritesBySide = new ConcurrentHashMap<>();
    private final Workload workload;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Future<?>> running = new ArrayList<>();

    ConcurrentWriters(Workload workload) {
        this.workload = workload;
        for (Side side : Side.values()) {
            lastWritesBySide.put(side, new ConcurrentHashMap<>());
        }
    }

    /** Starts {@code perSide} writers on each database, each with its own random stream derived from {@code seed}. */
    void start(long seed, TestDatabase monolith, TestDatabase service, int perSide) {
        for (int i = 0; i < perSide; i++) {
            for (Side side : Side.values()) {
                Random random = new Random(seed * 31 + side.ordinal() * 7 + i);
                TestDatabase db = side == Side.MONOLITH ? monolith : service;
                String tag = side.label().charAt(0) + "" + i;
                running.add(pool.submit(() -> {
                    write(db, side, tag, random);
                    return null;
                }));
            }
        }
    }

    long committed() {
        return committed.get();
    }

    long failed() {
        return failed.get();
    }

    /** The last committed write of one row on one side, if any. */
    LastWrite lastWrite(Side side, String table, String key) {
        return lastWritesBySide.get(side).getOrDefault(table, Map.of()).get(key);
    }

    /**
     * The priority oracle: every row whose last committed write (over both sides) was on {@code priority} must hold
     * exactly that write in {@code settled} (table → key → row hash, absent: no row); the rows that do not.
     */
    List<OffOracle> offOracle(Side priority, Map<String, Map<String, RowHash>> settled) {
        List<OffOracle> off = new ArrayList<>();
        lastWrites.forEach((table, writes) -> writes.forEach((key, write) -> {
            if (write.side() == priority && !Objects.equals(settled.getOrDefault(table, Map.of()).get(key),
                    write.hash())) {
                off.add(new OffOracle(table, key, write, lastWrite(priority.other(), table, key)));
            }
        }));
        return off;
    }

    /** Stops the writers and rethrows what broke one of them (other than a failed transaction). */
    void stopAndJoin() throws Exception {
        stop.set(true);
        for (Future<?> future : running) {
            future.get(60, TimeUnit.SECONDS);
        }
        running.clear();
    }

    @Override
    public void close() {
        stop.set(true);
        pool.shutdownNow();
    }

    private void write(TestDatabase db, Side side, String tag, Random random) throws Exception {
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            Writer writer = workload.open(connection, side);
            long n = 0;
            while (!stop.get()) {
                n++;
                WrittenRows written = new WrittenRows();
                try {
                    writer.transaction(tag + "-" + n, random, written);
                    if (written.isEmpty()) {
                        connection.rollback();
                        failed.incrementAndGet();
                    } else {
                        long at = sequence.incrementAndGet();
                        connection.commit();
                        committed.incrementAndGet();
                        written.rows.forEach((table, rows) -> rows.forEach((key, write) -> {
                            LastWrite done = new LastWrite(at, side, write.hash(), write.row());
                            lastWrites.computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                                    .merge(key, done, ConcurrentWriters::later);
                            lastWritesBySide.get(side).computeIfAbsent(table, t -> new ConcurrentHashMap<>())
                                    .merge(key, done, ConcurrentWriters::later);
                        }));
                    }
                } catch (SQLException e) {
                    connection.rollback();
                    failed.incrementAndGet();
                }
                // pace the writers so that their writes spread over the restarts and the sync keeps up
                Thread.sleep(5 + random.nextInt(30));
            }
        }
    }

    private static LastWrite later(LastWrite old, LastWrite now) {
        return now.sequence() > old.sequence() ? now : old;
    }
}
