package io.strangler.replicate.perf;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedKafka;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.replicate.ReplicatePipeline;
import io.strangler.replicate.ReplicatePipelineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * perf/02-replicate-one-way: commit on a source PostgreSQL → row committed on a target PostgreSQL, through Strangler's
 * one-way pipeline (capture → replicate stage → apply) and, in the same run, through PostgreSQL's own logical
 * replication (publication + subscription) as the baseline. Both targets live on a second server; a trigger
 * ({@code ENABLE ALWAYS}, so it fires under session_replication_role=replica too) stamps each row's arrival with
 * {@code clock_timestamp()}.
 *
 * <p>Latency: a fixed-rate writer commits one transaction per tick holding one row for each pipeline's table; a row's
 * latency is its arrival minus its <em>intended</em> commit time (the tick), so a writer that falls behind does not
 * hide the delay (no coordinated omission); arrival minus the actual commit is reported too. Throughput: a burst of
 * rows (100 per transaction, as fast as one connection goes) into one pipeline's table at a time; changes/s = rows /
 * (last arrival − first commit). Prints one JSON object.
 *
 * <p>Args: {@code [latencySeconds=30] [ratePerSecond=50] [burstRows=20000] [commitIntervalMs=100]}.
 */
public final class ReplicateBenchmark {

    private static final String TABLE_DDL = "(id bigint PRIMARY KEY, v int NOT NULL, payload text)";
    private static final String ARRIVAL = "CREATE FUNCTION stamp_arrival() RETURNS trigger LANGUAGE plpgsql AS "
            + "$$ BEGIN NEW.arrived_at := clock_timestamp(); RETURN NEW; END $$";

    private ReplicateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int latencySeconds = arg(args, 0, 30);
        int rate = arg(args, 1, 50);
        int burst = arg(args, 2, 20_000);
        int commitInterval = arg(args, 3, 100);
        Path dir = Files.createTempDirectory("perf-02-replicate");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedPostgres sourceServer = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()
                     .withServerConfig("synchronous_commit", "on"));
             EmbeddedPostgres targetServer = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()
                     .withServerConfig("synchronous_commit", "on"));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory()) {
            DatabaseInfo source = sourceServer.createDatabase("bench_source");
            DatabaseInfo strangler = targetServer.createDatabase("strangler_target");
            DatabaseInfo nativeTarget = targetServer.createDatabase("native_target");
            execute(source, "CREATE TABLE s_bench " + TABLE_DDL, "CREATE TABLE n_bench " + TABLE_DDL,
                    "ALTER TABLE s_bench REPLICA IDENTITY FULL");
            prepareTarget(strangler, "s_bench");
            prepareTarget(nativeTarget, "n_bench");
            try (Connection c = DriverManager.getConnection(targetServer.superuserJdbcUrl()); Statement s = c.createStatement()) {
                s.execute("GRANT SET ON PARAMETER session_replication_role TO " + strangler.user());
            }
            startNativeReplication(sourceServer, source, targetServer, nativeTarget);

            Path mappings = dir.resolve("mappings.yaml");
            Files.writeString(mappings, """
                    mappings:
                      - name: bench
                        monolith: public.s_bench
                        service: public.s_bench
                        service-only: [arrived_at]
                        direction: monolith-to-service
                    """);
            try (ReplicatePipeline pipeline = ReplicatePipeline.create(new ReplicatePipelineConfig(
                    pipelineConfig(kafka, registry, source, strangler, mappings, dir, commitInterval)))) {
                pipeline.start();
                // warm-up: both paths carry rows before anything is measured
                long[] warmIntended = fixedRate(source, 2, 50, 0);
                awaitRows(strangler, "s_bench", warmIntended.length, Duration.ofMinutes(2));
                awaitRows(nativeTarget, "n_bench", warmIntended.length, Duration.ofMinutes(2));

                // Latency at a fixed rate, both pipelines on the same commits
                long firstId = 1_000_000;
                long[][] times = fixedRateWithCommits(source, latencySeconds, rate, firstId);
                awaitRows(strangler, "s_bench", warmIntended.length + times[0].length, Duration.ofMinutes(3));
                awaitRows(nativeTarget, "n_bench", warmIntended.length + times[0].length, Duration.ofMinutes(3));
                Map<String, Object> stranglerLatency = latency(arrivals(strangler, "s_bench", firstId, times[0].length), times);
                Map<String, Object> nativeLatency = latency(arrivals(nativeTarget, "n_bench", firstId, times[0].length), times);

                // where Strangler's time goes (meters of the last minute or two, taken before the burst):
                // source commit -> Kafka ack (capture), source commit -> target commit (apply sink)
                Map<String, Object> captureLag = timerPercentiles(pipeline.capture().orElseThrow().metrics().lag());
                Map<String, Object> applyLatency = timerPercentiles(pipeline.sink().orElseThrow().meterRegistry()
                        .get("strangler.apply.latency").timer());

                // Throughput: a burst into one pipeline's table at a time
                Map<String, Object> stranglerThroughput = burst(source, strangler, "s_bench", 10_000_000, burst);
                Map<String, Object> nativeThroughput = burst(source, nativeTarget, "n_bench", 20_000_000, burst);

                Map<String, Object> out = new LinkedHashMap<>();
                out.put("scenario", "02-replicate-one-way");
                out.put("latency_seconds", latencySeconds);
                out.put("latency_rate_per_s", rate);
                out.put("latency_rows", times[0].length);
                out.put("stage_commit_interval_ms", commitInterval);
                out.put("strangler_latency", stranglerLatency);
                out.put("native_latency", nativeLatency);
                out.put("ratio_latency_p50", ratio(stranglerLatency, nativeLatency, "p50_ms"));
                out.put("ratio_latency_p99", ratio(stranglerLatency, nativeLatency, "p99_ms"));
                out.put("burst_rows", burst);
                out.put("strangler_throughput", stranglerThroughput);
                out.put("native_throughput", nativeThroughput);
                out.put("ratio_throughput", ratio(stranglerThroughput, nativeThroughput, "changes_per_s"));
                out.put("strangler_capture_lag_ms", captureLag);
                out.put("strangler_apply_latency_ms", applyLatency);
                out.put("strangler_status", pipeline.status().line());
                System.out.println(Json.write(out));
            }
        }
    }

    /** The timer's client-side percentiles (Micrometer keeps a decaying window of about the last minute or two). */
    private static Map<String, Object> timerPercentiles(io.micrometer.core.instrument.Timer timer) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var p : timer.takeSnapshot().percentileValues()) {
            out.put("p" + Math.round(p.percentile() * 100), round(p.value(java.util.concurrent.TimeUnit.MILLISECONDS)));
        }
        out.put("count", (double) timer.count());
        return out;
    }

    private static Map<String, String> pipelineConfig(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry,
            DatabaseInfo source, DatabaseInfo target, Path mappings, Path dir, int commitInterval) {
        Map<String, String> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("schema.registry.url", registry.url());
        config.put("strangler.mappings.file", mappings.toString());
        config.put("strangler.replicate.state.dir", dir.resolve("streams").toString());
        config.put("strangler.replicate.commit.interval.ms", Integer.toString(commitInterval));
        config.put("capture.database.hostname", source.host());
        config.put("capture.database.port", Integer.toString(source.port()));
        config.put("capture.database.user", source.user());
        config.put("capture.database.password", source.password());
        config.put("capture.database.dbname", source.database());
        config.put("capture.strangler.metrics.jmx.enabled", "false");
        config.put("apply.database.url", target.jdbcUrl());
        config.put("apply.database.user", target.user());
        config.put("apply.database.password", target.password());
        // experiments: -Dreplicate.<key>=<value> sets any pipeline key, e.g. -Dreplicate.apply.strangler.apply.linger.ms=0
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("replicate."))
                .forEach(key -> config.put(key.substring("replicate.".length()), System.getProperty(key)));
        return config;
    }

    private static void prepareTarget(DatabaseInfo db, String table) throws SQLException {
        execute(db, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, v int NOT NULL, payload text, arrived_at timestamptz)",
                ARRIVAL, "CREATE TRIGGER arrival BEFORE INSERT OR UPDATE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION stamp_arrival()",
                // replication sessions (Strangler's apply, PostgreSQL's apply worker) skip ordinary triggers
                "ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER arrival");
    }

    private static void startNativeReplication(EmbeddedPostgres sourceServer, DatabaseInfo source,
            EmbeddedPostgres targetServer, DatabaseInfo target) throws SQLException {
        String sourceSuper = sourceServer.superuserJdbcUrl().replace("/postgres?", "/" + source.database() + "?");
        try (Connection c = DriverManager.getConnection(sourceSuper); Statement s = c.createStatement()) {
            s.execute("CREATE PUBLICATION bench_pub FOR TABLE n_bench");
        }
        String targetSuper = targetServer.superuserJdbcUrl().replace("/postgres?", "/" + target.database() + "?");
        try (Connection c = DriverManager.getConnection(targetSuper); Statement s = c.createStatement()) {
            s.execute("CREATE SUBSCRIPTION bench_sub CONNECTION 'host=" + source.host() + " port=" + source.port()
                    + " dbname=" + source.database() + " user=postgres' PUBLICATION bench_pub WITH (copy_data = false)");
        }
    }

    /** One transaction per tick with one row in each table; returns the intended commit micros per row. */
    private static long[] fixedRate(DatabaseInfo db, int seconds, int rate, long firstId) throws SQLException {
        return fixedRateWithCommits(db, seconds, rate, firstId)[0];
    }

    /** As {@link #fixedRate}; [0] intended micros, [1] actual commit-return micros, per row. */
    private static long[][] fixedRateWithCommits(DatabaseInfo db, int seconds, int rate, long firstId) throws SQLException {
        int rows = seconds * rate;
        long[] intended = new long[rows];
        long[] committed = new long[rows];
        long periodNanos = 1_000_000_000L / rate;
        try (Connection connection = db.connect();
             PreparedStatement s = connection.prepareStatement("INSERT INTO s_bench VALUES (?, ?, ?)");
             PreparedStatement n = connection.prepareStatement("INSERT INTO n_bench VALUES (?, ?, ?)")) {
            connection.setAutoCommit(false);
            long startNanos = System.nanoTime();
            long startMicros = nowMicros();
            for (int i = 0; i < rows; i++) {
                long due = startNanos + i * periodNanos;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                intended[i] = startMicros + (due - startNanos) / 1_000;
                for (PreparedStatement insert : new PreparedStatement[] {s, n}) {
                    insert.setLong(1, firstId + i);
                    insert.setInt(2, i);
                    insert.setString(3, "row " + i);
                    insert.executeUpdate();
                }
                connection.commit();
                committed[i] = nowMicros();
            }
        }
        return new long[][] {intended, committed};
    }

    private static Map<String, Object> burst(DatabaseInfo source, DatabaseInfo target, String table, long firstId,
                                             int rows) throws Exception {
        long before = count(target, table);
        long startMicros = nowMicros();
        try (Connection connection = source.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                insert.setLong(1, firstId + i);
                insert.setInt(2, i);
                insert.setString(3, "burst " + i);
                insert.addBatch();
                if ((i + 1) % 100 == 0 || i == rows - 1) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
        double writeSeconds = (nowMicros() - startMicros) / 1e6;
        awaitRows(target, table, before + rows, Duration.ofMinutes(10));
        long lastArrival;
        try (Connection c = target.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(arrived_at) FROM " + table + " WHERE id >= " + firstId)) {
            rs.next();
            lastArrival = micros(rs.getTimestamp(1).toInstant());
        }
        double seconds = (lastArrival - startMicros) / 1e6;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source_write_changes_per_s", round(rows / writeSeconds));
        out.put("seconds_to_last_arrival", round(seconds));
        out.put("changes_per_s", round(rows / seconds));
        return out;
    }

    private static long[] arrivals(DatabaseInfo db, String table, long firstId, int rows) throws SQLException {
        long[] out = new long[rows];
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, arrived_at FROM " + table + " WHERE id >= " + firstId
                     + " AND id < " + (firstId + rows))) {
            while (rs.next()) {
                out[(int) (rs.getLong(1) - firstId)] = micros(rs.getTimestamp(2).toInstant());
            }
        }
        return out;
    }

    private static Map<String, Object> latency(long[] arrivals, long[][] times) {
        long[] fromIntended = new long[arrivals.length];
        long[] fromCommit = new long[arrivals.length];
        for (int i = 0; i < arrivals.length; i++) {
            fromIntended[i] = arrivals[i] - times[0][i];
            fromCommit[i] = arrivals[i] - times[1][i];
        }
        Arrays.sort(fromIntended);
        Arrays.sort(fromCommit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50_ms", percentileMs(fromIntended, 0.50));
        out.put("p95_ms", percentileMs(fromIntended, 0.95));
        out.put("p99_ms", percentileMs(fromIntended, 0.99));
        out.put("max_ms", percentileMs(fromIntended, 1.0));
        out.put("from_actual_commit_p50_ms", percentileMs(fromCommit, 0.50));
        out.put("from_actual_commit_p99_ms", percentileMs(fromCommit, 0.99));
        return out;
    }

    private static void awaitRows(DatabaseInfo db, String table, long rows, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(db, table) < rows) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(db.database() + "." + table + " has " + count(db, table) + " of "
                        + rows + " rows after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static long count(DatabaseInfo db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(DatabaseInfo db, String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static Object ratio(Map<String, Object> strangler, Map<String, Object> nativeFigures, String key) {
        double a = (Double) strangler.get(key);
        double b = (Double) nativeFigures.get(key);
        return b <= 0 ? null : round(a / b);
    }

    private static double percentileMs(long[] sortedMicros, double p) {
        int index = (int) Math.min(sortedMicros.length - 1, Math.ceil(p * sortedMicros.length) - 1);
        return round(sortedMicros[Math.max(0, index)] / 1000.0);
    }

    private static long nowMicros() {
        return micros(Instant.now());
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** Minimal JSON for flat maps of numbers, strings and nested maps. */
    static final class Json {
        static String write(Map<String, Object> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((key, value) -> {
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append('"').append(key).append("\": ");
                if (value instanceof Map<?, ?> nested) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) nested;
                    out.append(write(typed));
                } else if (value instanceof String text) {
                    out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                } else {
                    out.append(value == null ? "null" : String.format(Locale.ROOT, "%s", value));
                }
            });
            return out.append('}').toString();
        }
    }
}
