package io.strangler.sync.perf;

import io.strangler.embedded.DatabaseInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arrival log of one side: an unlogged table filled by an {@code ENABLE ALWAYS} trigger (it fires under the apply
 * sink's {@code session_replication_role = replica} too) with {@code clock_timestamp()} for every row change written
 * there that the <em>other</em> side made (column {@code writer}), except shared keys. The stamp is taken when the row
 * is written in the apply transaction, a little before it commits. Unlogged: no WAL, so capture never sees it.
 */
final class Arrivals {

    /** Keys up to this are shared by both sides; their writes are conflict load, not latency samples. */
    static final long SHARED_MAX = 1_000;

    private static final long VANISHED = -1;

    private final DatabaseInfo db;

    Arrivals(DatabaseInfo db) {
        this.db = db;
    }

    /** Creates {@code bench} (5 columns), the arrival log and its trigger; {@code local} is this side's writer letter. */
    static void createSchema(DatabaseInfo db, char local) throws SQLException {
        execute(db, "CREATE TABLE bench (id bigint PRIMARY KEY, tag bigint NOT NULL, writer char(1) NOT NULL,"
                        + " v int NOT NULL, payload text)",
                "ALTER TABLE bench REPLICA IDENTITY FULL",
                "CREATE UNLOGGED TABLE arrivals (op char(1), id bigint, tag bigint, at timestamptz)",
                "CREATE FUNCTION log_arrival() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF TG_OP = 'DELETE' THEN"
                        + "   IF OLD.id > " + SHARED_MAX + " AND OLD.writer <> TG_ARGV[0] THEN"
                        + "     INSERT INTO arrivals VALUES ('D', OLD.id, OLD.tag, clock_timestamp()); END IF;"
                        + "   RETURN OLD; END IF;"
                        + " IF NEW.id > " + SHARED_MAX + " AND NEW.writer <> TG_ARGV[0] THEN"
                        + "   INSERT INTO arrivals VALUES ('W', NEW.id, NEW.tag, clock_timestamp()); END IF;"
                        + " RETURN NEW; END $$",
                "CREATE TRIGGER arrival AFTER INSERT OR UPDATE OR DELETE ON bench FOR EACH ROW"
                        + " EXECUTE FUNCTION log_arrival('" + local + "')",
                "ALTER TABLE bench ENABLE ALWAYS TRIGGER arrival");
    }

    long count() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM arrivals")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The highest tag that arrived (tags grow in write order), or -1. */
    long maxTag() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(tag), -1) FROM arrivals WHERE op = 'W'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void clear() throws SQLException {
        execute(db, "TRUNCATE arrivals");
    }

    /**
     * Arrival micros per write of the phase (index as in the phase; 0 = not arrived, or a shared-key write). Writes are
     * matched by their unique tag, deletes by key (a key is deleted at most once).
     */
    long[] arrivalsOf(FixedRateWriter.Phase phase) throws SQLException {
        long[] out = new long[phase.written()];
        Map<Long, Integer> deletes = new HashMap<>();
        for (int i = 0; i < phase.written(); i++) {
            if (phase.ops()[i] == FixedRateWriter.DELETE) {
                deletes.put(phase.ids()[i], i);
            }
        }
        long first = phase.firstTag();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT op, id, tag, (extract(epoch FROM at) * 1000000)::bigint FROM arrivals")) {
            while (rs.next()) {
                Integer index;
                if (rs.getString(1).equals("D")) {
                    index = deletes.get(rs.getLong(2));
                } else {
                    long offset = rs.getLong(3) - first;
                    index = offset >= 0 && offset < phase.written() ? (int) offset : null;
                }
                if (index != null && phase.ops()[index] != FixedRateWriter.SHARED
                        && (out[index] == 0 || rs.getLong(4) < out[index])) {
                    out[index] = rs.getLong(4);
                }
            }
        }
        return out;
    }

    /**
     * Latency figures of one direction: from the intended time (p50/p95/p99/max), from the actual commit (p50/p99),
     * missing writes (counted as infinitely late: a percentile that falls on them prints null), and the applied rate.
     */
    static Map<String, Object> latency(FixedRateWriter.Phase phase, long[] raw) {
        long[] arrivals = raw.clone();
        int superseded = supersede(phase, arrivals);
        int vanished = vanish(phase, arrivals);
        int samples = 0;
        int missing = 0;
        long lastArrival = 0;
        long[] fromIntended = new long[phase.written()];
        long[] fromCommit = new long[phase.written()];
        for (int i = 0; i < phase.written(); i++) {
            if (phase.ops()[i] == FixedRateWriter.SHARED || arrivals[i] == VANISHED) {
                continue;
            }
            if (arrivals[i] == 0) {
                fromIntended[samples] = Long.MAX_VALUE;
                fromCommit[samples++] = Long.MAX_VALUE;
                missing++;
                continue;
            }
            lastArrival = Math.max(lastArrival, arrivals[i]);
            fromIntended[samples] = arrivals[i] - phase.intendedMicros()[i];
            fromCommit[samples++] = arrivals[i] - phase.committedMicros()[i];
        }
        long[] a = Arrays.copyOf(fromIntended, samples);
        long[] b = Arrays.copyOf(fromCommit, samples);
        Arrays.sort(a);
        Arrays.sort(b);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", samples);
        out.put("missing", missing);
        out.put("coalesced", superseded);
        out.put("coalesced_away", vanished);
        out.put("p50_ms", percentileMs(a, 0.50));
        out.put("p95_ms", percentileMs(a, 0.95));
        out.put("p99_ms", percentileMs(a, 0.99));
        out.put("max_ms", percentileMs(a, 1.0));
        out.put("from_actual_commit_p50_ms", percentileMs(b, 0.50));
        out.put("from_actual_commit_p99_ms", percentileMs(b, 0.99));
        double seconds = (lastArrival - phase.startMicros()) / 1e6;
        out.put("applied_changes_per_s", lastArrival == 0 ? null : Json.round((samples - missing) / seconds));
        out.put("drain_after_writers_ms", lastArrival == 0 ? null : Json.round((lastArrival - phase.endMicros()) / 1e3));
        return out;
    }

    /**
     * The apply sink coalesces the commands of one batch per key (an insert then an update of the same row is written
     * once, as the update), so an earlier write of a key never shows up by itself. It arrived, at the latest, when the
     * next arrived write of that key did: that time is used for it. Returns how many writes were so resolved.
     */
    private static int supersede(FixedRateWriter.Phase phase, long[] arrivals) {
        Map<Long, Long> nextArrival = new HashMap<>();
        int superseded = 0;
        for (int i = phase.written() - 1; i >= 0; i--) {
            if (phase.ops()[i] == FixedRateWriter.SHARED) {
                continue;
            }
            Long later = nextArrival.get(phase.ids()[i]);
            if (arrivals[i] == 0 && later != null) {
                arrivals[i] = later;
                superseded++;
            }
            if (arrivals[i] != 0) {
                nextArrival.put(phase.ids()[i], later == null ? arrivals[i] : Math.min(later, arrivals[i]));
            }
        }
        return superseded;
    }

    /**
     * A key inserted and deleted within one apply batch is coalesced into a delete of a row the target never had: none
     * of its writes can be seen there. Marks them {@link #VANISHED} (not samples) and returns how many.
     */
    private static int vanish(FixedRateWriter.Phase phase, long[] arrivals) {
        Map<Long, Boolean> seen = new HashMap<>();
        for (int i = 0; i < phase.written(); i++) {
            if (phase.ops()[i] != FixedRateWriter.SHARED) {
                seen.merge(phase.ids()[i], arrivals[i] != 0, Boolean::logicalOr);
            }
        }
        Set<Long> insertedHere = new HashSet<>();
        Set<Long> deletedHere = new HashSet<>();
        for (int i = 0; i < phase.written(); i++) {
            if (phase.ops()[i] == FixedRateWriter.INSERT) {
                insertedHere.add(phase.ids()[i]);
            } else if (phase.ops()[i] == FixedRateWriter.DELETE) {
                deletedHere.add(phase.ids()[i]);
            }
        }
        int vanished = 0;
        for (int i = 0; i < phase.written(); i++) {
            long id = phase.ids()[i];
            if (phase.ops()[i] != FixedRateWriter.SHARED && !seen.getOrDefault(id, true)
                    && insertedHere.contains(id) && deletedHere.contains(id)) {
                arrivals[i] = VANISHED;
                vanished++;
            }
        }
        return vanished;
    }

    static Double percentileMs(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return null;
        }
        int index = (int) Math.min(sortedMicros.length - 1, Math.ceil(p * sortedMicros.length) - 1);
        long value = sortedMicros[Math.max(0, index)];
        return value == Long.MAX_VALUE ? null : Json.round(value / 1000.0);
    }

    static void execute(DatabaseInfo db, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
