package io.strangler.sync.perf;

import io.strangler.embedded.DatabaseInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes mixed inserts, updates and deletes into {@code bench} on one side at a fixed rate. Every write has an
 * <em>intended</em> time on the schedule (start + i / rate); when the writer falls behind, it catches up by putting
 * every write that is due into one transaction, so latency measured from the intended time includes the delay (no
 * coordinated omission). Keys of this side start at {@code keyBase} and are never reused; a share of the writes
 * update one of the {@code sharedKeys} keys that both sides write, to provoke conflicts. Keeps its live key set across
 * phases.
 */
final class FixedRateWriter {

    static final char INSERT = 'I';
    static final char UPDATE = 'U';
    static final char DELETE = 'D';
    static final char SHARED = 'S';
    /** Most writes in one catch-up transaction. */
    private static final int MAX_BATCH = 500;

    private final DatabaseInfo db;
    private final char side;
    private final int sharedKeys;
    private final double sharedShare;
    private final Random random;
    private long[] live = new long[1 << 16];
    private int liveCount;
    private long nextKey;
    private long nextTag;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicBoolean abort = new AtomicBoolean();
    private volatile long lagMicros;
    private volatile long phaseFirstTag = Long.MAX_VALUE;
    private volatile long phaseStartMicros;
    private volatile double phasePeriodMicros;

    /** The writes of one phase, by index: op, key, tag (unique per write), intended and commit-return micros. */
    record Phase(char side, int rate, char[] ops, long[] ids, long[] tags, long[] intendedMicros, long[] committedMicros,
                 int written, long startMicros, long endMicros, long maxLagMicros, boolean aborted) {

        long firstTag() {
            return tags[0];
        }

        double achievedRate() {
            return written / Math.max(1e-6, (endMicros - startMicros) / 1e6);
        }
    }

    FixedRateWriter(DatabaseInfo db, char side, long keyBase, int sharedKeys, double sharedShare, long seed) {
        this.db = db;
        this.side = side;
        this.sharedKeys = sharedKeys;
        this.sharedShare = sharedShare;
        this.random = new Random(seed);
        this.nextKey = keyBase;
        this.nextTag = keyBase;
    }

    /** Writes committed so far (all phases). */
    long committed() {
        return committed.get();
    }

    /** How far the last transaction started behind the schedule (µs). */
    long lagMicros() {
        return lagMicros;
    }

    /** The intended micros of the current phase's write with this tag, or the phase start for an older tag. */
    long intendedMicrosOfTag(long tag) {
        long index = tag - phaseFirstTag;
        return index < 0 ? phaseStartMicros : phaseStartMicros + (long) (index * phasePeriodMicros);
    }

    /** Asks a running phase to stop after its current transaction. */
    void abort() {
        abort.set(true);
    }

    Phase run(int rate, int seconds) throws SQLException {
        abort.set(false);
        int n = rate * seconds;
        char[] ops = new char[n];
        long[] ids = new long[n];
        long[] tags = new long[n];
        long[] intended = new long[n];
        long[] done = new long[n];
        double periodNanos = 1e9 / rate;
        long maxLag = 0;
        int i = 0;
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            long startNanos = System.nanoTime();
            long startMicros = nowMicros();
            phaseFirstTag = nextTag;
            phaseStartMicros = startMicros;
            phasePeriodMicros = periodNanos / 1_000;
            while (i < n && !abort.get()) {
                long due = startNanos + (long) (i * periodNanos);
                long now = System.nanoTime();
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                int end = (int) Math.min(Math.min(n, i + MAX_BATCH), (long) ((now - startNanos) / periodNanos) + 1);
                List<String> batch = new ArrayList<>(end - i);
                for (int k = i; k < end; k++) {
                    intended[k] = startMicros + (long) (k * periodNanos / 1_000);
                    batch.add(next(k, ops, ids, tags));
                }
                execute(connection, statement, batch);
                long commitMicros = nowMicros();
                for (int k = i; k < end; k++) {
                    done[k] = commitMicros;
                }
                committed.addAndGet(end - i);
                lagMicros = (now - due) / 1_000;
                maxLag = Math.max(maxLag, lagMicros);
                i = end;
            }
            return new Phase(side, rate, ops, ids, tags, intended, done, i, startMicros, nowMicros(), maxLag,
                    abort.get());
        }
    }

    /**
     * Commits the batch; retried when it deadlocks with the apply sink's transaction on a shared key (both write
     * several rows per transaction, in orders neither controls), as an application would.
     */
    private void execute(Connection connection, Statement statement, List<String> batch) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                for (String sql : batch) {
                    statement.addBatch(sql);
                }
                statement.executeBatch();
                connection.commit();
                return;
            } catch (SQLException e) {
                statement.clearBatch();
                connection.rollback();
                if (attempt >= 10 || !retryable(e)) {
                    throw e;
                }
                retries.incrementAndGet();
            }
        }
    }

    private static boolean retryable(SQLException e) {
        for (SQLException c = e; c != null; c = c.getNextException()) {
            if ("40P01".equals(c.getSQLState()) || "40001".equals(c.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Transactions retried after a deadlock (all phases). */
    long retries() {
        return retries.get();
    }

    /** Chooses write k (40 % insert, 40 % update, 20 % delete of this side's keys; sharedShare shared updates). */
    private String next(int k, char[] ops, long[] ids, long[] tags) {
        long tag = nextTag++;
        tags[k] = tag;
        String payload = "'" + side + "-" + tag + "-0123456789abcdefghijklmnopqrstuvwxyz'";
        double dice = random.nextDouble();
        if (sharedKeys > 0 && dice < sharedShare) {
            long id = 1 + random.nextInt(sharedKeys);
            ops[k] = SHARED;
            ids[k] = id;
            return "UPDATE bench SET tag = " + tag + ", writer = '" + side + "', v = v + 1, payload = " + payload
                    + " WHERE id = " + id;
        }
        double mixed = random.nextDouble();
        if (liveCount == 0 || mixed < 0.4) {
            long id = nextKey++;
            addLive(id);
            ops[k] = INSERT;
            ids[k] = id;
            return "INSERT INTO bench (id, tag, writer, v, payload) VALUES (" + id + ", " + tag + ", '" + side + "', 0, "
                    + payload + ")";
        }
        int slot = random.nextInt(liveCount);
        long id = live[slot];
        ids[k] = id;
        if (mixed < 0.8) {
            ops[k] = UPDATE;
            return "UPDATE bench SET tag = " + tag + ", v = v + 1, payload = " + payload + " WHERE id = " + id;
        }
        live[slot] = live[--liveCount];
        ops[k] = DELETE;
        return "DELETE FROM bench WHERE id = " + id;
    }

    private void addLive(long id) {
        if (liveCount == live.length) {
            live = java.util.Arrays.copyOf(live, live.length * 2);
        }
        live[liveCount++] = id;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
