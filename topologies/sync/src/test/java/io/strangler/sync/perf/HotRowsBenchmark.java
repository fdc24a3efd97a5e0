package io.strangler.sync.perf;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedKafka;
import io.strangler.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * perf/08-hot-rows (issue #15): a TPC-B-like application (pgbench's transaction: update one of {@value #ACCOUNTS}
 * accounts, one of {@value #TELLERS} tellers and the single branch, insert a history row) at a fixed rate on
 * <em>both</em> PostgreSQL databases, measured twice on the same databases: with the bi-directional sync running
 * (capture ×2 → sync → apply ×2, balances as {@code counters}) and without it. Per side and phase: the application's
 * achieved transactions/s, latency from each transaction's intended start (no coordinated omission) p50/p95/p99/max,
 * rolled-back transactions, and lock waits sampled every 50 ms from {@code pg_stat_activity} (the application's
 * sessions and the apply sink's, told apart by their SQL). After the synced phase: whether both databases converged
 * and the TPC-B invariant (sum of account = teller = branch balances = sum of history deltas) on each; and per phase the
 * CPU cores used by this JVM's threads (by group) and by PostgreSQL. Prints one JSON object.
 *
 * <p>Environment: {@code RATE} (transactions/s per side, 200), {@code DURATION_S} (60), {@code CONNECTIONS} (per side,
 * 8), {@code COUNTERS} (true; false maps the balances as plain columns, last-write-wins), {@code COMMIT_INTERVAL_MS}
 * (100); {@code -Dapply.<key>=<v>} sets apply sink keys (e.g. {@code -Dapply.strangler.apply.batch.size=20}).
 */
public final class HotRowsBenchmark {

    private static final Logger LOGGER = LoggerFactory.getLogger(HotRowsBenchmark.class);
    private static final int ACCOUNTS = 10_000;
    private static final int TELLERS = 10;
    private static final List<String> TABLES = List.of("branches", "tellers", "accounts", "history");

    private HotRowsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(env("RATE", "200"));
        int duration = Integer.parseInt(env("DURATION_S", "60"));
        int connections = Integer.parseInt(env("CONNECTIONS", "8"));
        boolean counters = Boolean.parseBoolean(env("COUNTERS", "true"));
        long commitInterval = Long.parseLong(env("COMMIT_INTERVAL_MS", "100"));
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("user.dir")), "perf-08-hot-rows-");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "08-hot-rows");
        out.put("rate_tps_per_side", rate);
        out.put("duration_s", duration);
        out.put("connections_per_side", connections);
        out.put("counters", counters);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("load_average_start", loadAverage());
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedPostgres monolithServer = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()
                     .withServerConfig("synchronous_commit", "on"));
             EmbeddedPostgres serviceServer = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()
                     .withServerConfig("synchronous_commit", "on"));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory()) {
            DatabaseInfo monolith = monolithServer.createDatabase("hot_monolith");
            DatabaseInfo service = serviceServer.createDatabase("hot_service");
            for (var server : List.of(Map.entry(monolithServer, monolith), Map.entry(serviceServer, service))) {
                createSchema(server.getValue());
                try (Connection c = DriverManager.getConnection(server.getKey().superuserJdbcUrl());
                     Statement s = c.createStatement()) {
                    s.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + server.getValue().user() + "\"");
                }
            }
            populate(monolith);
            Map<Side, DatabaseInfo> databases = Map.of(Side.MONOLITH, monolith, Side.SERVICE, service);

            try (SyncRig rig = new SyncRig(kafka, registry, monolith, service, dir.resolve("sync-streams"),
                    commitInterval, mappings(counters))) {
                awaitCount(service, "accounts", ACCOUNTS, Duration.ofMinutes(3));
                LOGGER.info("bootstrap done; with the sync: {} tps per side for {} s", rate, duration);
                out.put("with_sync", phase(databases, rate, duration, connections));
                long settleStart = System.nanoTime();
                boolean converged = awaitIdentical(monolith, service, Duration.ofMinutes(3));
                out.put("converged", converged);
                out.put("settle_s", Json.round((System.nanoTime() - settleStart) / 1e9));
                out.put("invariant", Map.of("monolith", invariant(monolith), "service", invariant(service)));
                out.put("sync_conflicts", rig.conflicts());
            }
            LOGGER.info("without the sync: {} tps per side for {} s", rate, duration);
            out.put("without_sync", phase(databases, rate, duration, connections));
            ratios(out);
        }
        out.put("load_average_end", loadAverage());
        System.out.println(Json.write(out));
    }

    @SuppressWarnings("unchecked")
    private static void ratios(Map<String, Object> out) {
        Map<String, Object> with = (Map<String, Object>) out.get("with_sync");
        Map<String, Object> without = (Map<String, Object>) out.get("without_sync");
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            Map<String, Object> w = (Map<String, Object>) with.get(side.label());
            Map<String, Object> wo = (Map<String, Object>) without.get(side.label());
            ratios.put(side.label() + "_tps_ratio", Json.round(((Number) w.get("tps")).doubleValue()
                    / ((Number) wo.get("tps")).doubleValue()));
            ratios.put(side.label() + "_p95_ratio", Json.round(((Number) w.get("p95_ms")).doubleValue()
                    / Math.max(0.001, ((Number) wo.get("p95_ms")).doubleValue())));
        }
        out.put("ratios_with_over_without", ratios);
    }

    private static List<Mapping> mappings(boolean counters) {
        List<Mapping> mappings = new ArrayList<>();
        Map<String, String> balance = Map.of("branches", "bbalance", "tellers", "tbalance", "accounts", "abalance");
        for (String table : TABLES) {
            TableRef ref = new TableRef("public", table);
            List<String> counted = counters && balance.containsKey(table) ? List.of(balance.get(table)) : List.of();
            mappings.add(new Mapping(table, ref, ref, List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(),
                    Direction.BOTH, ConflictStrategy.DEFAULT, counted));
        }
        return mappings;
    }

    private static void createSchema(DatabaseInfo db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE branches (bid int PRIMARY KEY, bbalance bigint NOT NULL, filler text)");
            s.execute("CREATE TABLE tellers (tid int PRIMARY KEY, bid int NOT NULL, tbalance bigint NOT NULL, filler text)");
            s.execute("CREATE TABLE accounts (aid int PRIMARY KEY, bid int NOT NULL, abalance bigint NOT NULL, filler text)");
            // pgbench's history has no key; the sync needs one, unique across both sides' writers
            s.execute("CREATE TABLE history (hid text PRIMARY KEY, tid int NOT NULL, bid int NOT NULL, aid int NOT NULL,"
                    + " delta bigint NOT NULL, mtime timestamptz NOT NULL)");
            for (String table : TABLES) {
                s.execute("ALTER TABLE " + table + " REPLICA IDENTITY FULL");
            }
        }
    }

    private static void populate(DatabaseInfo db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO branches VALUES (1, 0, '')");
            s.execute("INSERT INTO tellers SELECT t, 1, 0, '' FROM generate_series(1, " + TELLERS + ") t");
            s.execute("INSERT INTO accounts SELECT a, 1, 0, '' FROM generate_series(1, " + ACCOUNTS + ") a");
        }
    }

    /** Both sides' applications at {@code rate} for {@code duration} s, with lock waits sampled. */
    private static Map<String, Object> phase(Map<Side, DatabaseInfo> databases, int rate, int duration, int connections)
            throws Exception {
        Map<Side, TpcbApplication> apps = new LinkedHashMap<>();
        Map<Side, LockSampler> samplers = new LinkedHashMap<>();
        long start = System.nanoTime() + 200_000_000L;
        for (Side side : Side.values()) {
            apps.put(side, new TpcbApplication(databases.get(side), side, rate, connections, start, duration));
            samplers.put(side, new LockSampler(databases.get(side)));
        }
        CpuAccount cpu = new CpuAccount();
        long began = System.nanoTime();
        apps.values().forEach(TpcbApplication::start);
        samplers.values().forEach(Thread::start);
        for (TpcbApplication app : apps.values()) {
            app.join();
        }
        samplers.values().forEach(LockSampler::finish);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Side side : Side.values()) {
            Map<String, Object> result = apps.get(side).result();
            result.putAll(samplers.get(side).result());
            out.put(side.label(), result);
        }
        // CPU seconds per wall second, of 2 cores: whether the machine, not a lock, is what the application waits for
        double wall = (System.nanoTime() - began) / 1e9;
        Map<String, Object> used = cpu.since();
        out.put("wall_s", Json.round(wall));
        out.put("cpu_cores_used", Map.of("jvm", Json.round(((Number) used.get("jvm_threads_s")).doubleValue() / wall),
                "postgres", Json.round(((Number) used.get("postgres_s")).doubleValue() / wall)));
        out.put("cpu_s", used);
        return out;
    }

    /**
     * pgbench's TPC-B transaction on {@code connections} connections, each on its own fixed schedule; a transaction's
     * latency runs from its intended start, so a connection that falls behind counts the delay.
     */
    private static final class TpcbApplication {
        private final List<Thread> threads = new ArrayList<>();
        private final long[][] latencies;
        private final int[] counts;
        private final LongAdder rolledBack = new LongAdder();
        private final AtomicLong lastEnd = new AtomicLong();
        private final long start;

        TpcbApplication(DatabaseInfo db, Side side, int rate, int connections, long start, int duration) {
            this.start = start;
            long period = 1_000_000_000L * connections / rate;
            int perConnection = rate * duration / connections;
            latencies = new long[connections][perConnection];
            counts = new int[connections];
            for (int i = 0; i < connections; i++) {
                int connection = i;
                threads.add(new Thread(() -> run(db, side, connection, start + connection * period / connections,
                        period, perConnection), "tpcb-" + side.label() + "-" + i));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void join() throws InterruptedException {
            for (Thread thread : threads) {
                thread.join();
            }
        }

        private void run(DatabaseInfo db, Side side, int connection, long first, long period, int transactions) {
            Random random = new Random(connection * 31L + side.ordinal());
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                PreparedStatement account = c.prepareStatement("UPDATE accounts SET abalance = abalance + ? WHERE aid = ?");
                PreparedStatement read = c.prepareStatement("SELECT abalance FROM accounts WHERE aid = ?");
                PreparedStatement teller = c.prepareStatement("UPDATE tellers SET tbalance = tbalance + ? WHERE tid = ?");
                PreparedStatement branch = c.prepareStatement("UPDATE branches SET bbalance = bbalance + ? WHERE bid = 1");
                PreparedStatement history = c.prepareStatement("INSERT INTO history VALUES (?, ?, 1, ?, ?, now())");
                for (int n = 0; n < transactions; n++) {
                    long intended = first + n * period;
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    int aid = 1 + random.nextInt(ACCOUNTS);
                    int tid = 1 + random.nextInt(TELLERS);
                    int delta = random.nextInt(10_001) - 5_000;
                    try {
                        account.setInt(1, delta);
                        account.setInt(2, aid);
                        account.executeUpdate();
                        read.setInt(1, aid);
                        read.executeQuery().close();
                        teller.setInt(1, delta);
                        teller.setInt(2, tid);
                        teller.executeUpdate();
                        branch.setInt(1, delta);
                        branch.executeUpdate();
                        history.setString(1, side.label().charAt(0) + "-" + connection + "-" + n + "-" + start);
                        history.setInt(2, tid);
                        history.setInt(3, aid);
                        history.setInt(4, delta);
                        history.executeUpdate();
                        c.commit();
                        long end = System.nanoTime();
                        latencies[connection][counts[connection]++] = end - intended;
                        lastEnd.accumulateAndGet(end, Math::max);
                    } catch (SQLException e) {
                        c.rollback();
                        rolledBack.increment();
                    }
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException("application on " + side.label() + " failed", e);
            }
        }

        Map<String, Object> result() {
            long[] all = new long[Arrays.stream(counts).sum()];
            int at = 0;
            for (int i = 0; i < counts.length; i++) {
                System.arraycopy(latencies[i], 0, all, at, counts[i]);
                at += counts[i];
            }
            Arrays.sort(all);
            Map<String, Object> out = new LinkedHashMap<>();
            double seconds = (lastEnd.get() - start) / 1e9;
            out.put("transactions", all.length);
            out.put("tps", Json.round(all.length / Math.max(seconds, 0.001)));
            out.put("rolled_back", rolledBack.sum());
            out.put("p50_ms", millis(all, 0.50));
            out.put("p95_ms", millis(all, 0.95));
            out.put("p99_ms", millis(all, 0.99));
            out.put("max_ms", all.length == 0 ? 0 : Json.round(all[all.length - 1] / 1e6));
            return out;
        }

        private static double millis(long[] sorted, double quantile) {
            return sorted.length == 0 ? 0 : Json.round(sorted[(int) Math.min(sorted.length - 1,
                    Math.floor(quantile * sorted.length))] / 1e6);
        }
    }

    /**
     * Sessions waiting on a lock, sampled every 50 ms: the application's (its SQL names tables bare) and the apply
     * sink's (it quotes every identifier).
     */
    private static final class LockSampler extends Thread {
        private final DatabaseInfo db;
        private volatile boolean running = true;
        private long samples;
        private long applicationWaiting;
        private long sinkWaiting;
        private long applicationWaitingMax;

        LockSampler(DatabaseInfo db) {
            super("lock-sampler-" + db.database());
            this.db = db;
        }

        @Override
        public void run() {
            try (Connection c = db.connect(); PreparedStatement sample = c.prepareStatement(
                    "SELECT count(*) FILTER (WHERE query NOT LIKE '%\"%'), count(*) FILTER (WHERE query LIKE '%\"%')"
                            + " FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
                while (running) {
                    try (ResultSet rs = sample.executeQuery()) {
                        rs.next();
                        samples++;
                        applicationWaiting += rs.getLong(1);
                        sinkWaiting += rs.getLong(2);
                        applicationWaitingMax = Math.max(applicationWaitingMax, rs.getLong(1));
                    }
                    Thread.sleep(50);
                }
            } catch (SQLException | InterruptedException e) {
                LOGGER.warn("lock sampler on {} stopped: {}", db.database(), e.getMessage());
            }
        }

        void finish() {
            running = false;
            try {
                join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Map<String, Object> result() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("lock_samples", samples);
            out.put("app_sessions_waiting_avg", Json.round((double) applicationWaiting / Math.max(1, samples)));
            out.put("app_sessions_waiting_max", applicationWaitingMax);
            out.put("sink_sessions_waiting_avg", Json.round((double) sinkWaiting / Math.max(1, samples)));
            return out;
        }
    }

    /** sums of account, teller and branch balances and of history deltas, and whether they are all equal. */
    private static Map<String, Object> invariant(DatabaseInfo db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT (SELECT sum(abalance) FROM accounts), (SELECT sum(tbalance) FROM tellers),"
                        + " (SELECT sum(bbalance) FROM branches), (SELECT coalesce(sum(delta), 0) FROM history),"
                        + " (SELECT count(*) FROM history)")) {
            rs.next();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("accounts", rs.getLong(1));
            out.put("tellers", rs.getLong(2));
            out.put("branches", rs.getLong(3));
            out.put("history", rs.getLong(4));
            out.put("history_rows", rs.getLong(5));
            out.put("holds", rs.getLong(1) == rs.getLong(4) && rs.getLong(2) == rs.getLong(4) && rs.getLong(3) == rs.getLong(4));
            return out;
        }
    }

    private static boolean awaitIdentical(DatabaseInfo monolith, DatabaseInfo service, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (fingerprint(monolith).equals(fingerprint(service))) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Every table's rows, hashed in key order: equal fingerprints mean identical tables (for this benchmark). */
    private static List<String> fingerprint(DatabaseInfo db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("branches", "tellers", "accounts")) {
                try (ResultSet rs = s.executeQuery("SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (SELECT * FROM "
                        + table + " ORDER BY 1) t")) {
                    rs.next();
                    out.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT md5(string_agg(hid || ':' || delta, ',' ORDER BY hid)) FROM history")) {
                rs.next();
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void awaitCount(DatabaseInfo db, String table, long rows, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                if (rs.getLong(1) >= rows) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sync copied " + rs.getLong(1) + " of " + rows + " rows of "
                            + table + " in " + timeout);
                }
            }
            Thread.sleep(200);
        }
    }

    private static double loadAverage() {
        return Json.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
