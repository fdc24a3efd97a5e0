package io.strangler.sync.perf;

import io.strangler.core.mapping.Side;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.EmbeddedKafka;
import io.strangler.embedded.EmbeddedPostgres;
import io.strangler.replicate.ReplicatePipeline;
import io.strangler.replicate.ReplicatePipelineConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * perf/03-sync: fixed-rate mixed writes on both databases (PostgreSQL monolith and PostgreSQL service), commit on one
 * side → row committed on the other by the bi-directional sync (capture ×2 → sync → apply ×2), per direction, at each
 * rate; and in the same run perf/02's one-way pipeline (capture → replicate stage → apply) carrying the same total rate
 * from one side, as the baseline. Latency is measured from each write's <em>intended</em> time (no coordinated
 * omission) to the trigger stamp on the other side ({@link Arrivals}). Prints one JSON object.
 *
 * <p>Environment: {@code RATES} (total changes/s, default {@code 1000,5000,10000}), {@code DURATION_S} (60),
 * {@code COMMIT_INTERVAL_MS} (100, the sync's and the replicate stage's), {@code WARMUP_S} (5), {@code SHARED_SHARE}
 * (0.02), {@code MAX_BACKLOG_S} (5), {@code DRAIN_S} (90), {@code SKIP_BASELINE} (false).
 */
public final class SyncBenchmark {

    /** Mean of every numeric metric over the samples (the ratios and latencies are windowed: sample while busy). */
    private static Map<String, Object> averages(List<Map<String, Object>> samples) {
        Map<String, Object> out = new java.util.TreeMap<>();
        if (samples.isEmpty()) {
            return out;
        }
        samples.get(0).keySet().forEach(name -> out.put(name, Json.round(samples.stream()
                .mapToDouble(sample -> ((Number) sample.getOrDefault(name, 0.0)).doubleValue()).average().orElse(0))));
        out.put("samples", samples.size());
        return out;
    }

    private static final Logger LOGGER = LoggerFactory.getLogger(SyncBenchmark.class);
    private static final int SHARED_KEYS = 500;
    private static final long MONOLITH_KEYS = 1_000_000_000L;
    private static final long SERVICE_KEYS = 2_000_000_000L;

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] rates = Arrays.stream(env("RATES", "1000,5000,10000").split(",")).mapToInt(Integer::parseInt).toArray();
        int duration = Integer.parseInt(env("DURATION_S", "60"));
        long commitInterval = Long.parseLong(env("COMMIT_INTERVAL_MS", "100"));
        int warmup = Integer.parseInt(env("WARMUP_S", "5"));
        double sharedShare = Double.parseDouble(env("SHARED_SHARE", "0.02"));
        PhaseRunner runner = new PhaseRunner(Integer.parseInt(env("MAX_BACKLOG_S", "5")),
                Integer.parseInt(env("DRAIN_S", "90")));
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("user.dir")), "perf-03-sync-");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "03-sync");
        out.put("rates_changes_per_s", Arrays.stream(rates).boxed().toList());
        out.put("duration_s", duration);
        out.put("commit_interval_ms", commitInterval);
        out.put("shared_share", sharedShare);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("load_average_start", loadAverage());
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             EmbeddedPostgres monolithServer = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()
                     .withServerConfig("synchronous_commit", "on"));
             EmbeddedPostgres serviceServer = EmbeddedPostgres.start(EmbeddedPostgres.Options.defaults()
                     .withServerConfig("synchronous_commit", "on"));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory()) {
            Map<Integer, Map<String, Object>> baseline = new LinkedHashMap<>();
            if (!Boolean.parseBoolean(env("SKIP_BASELINE", "false"))) {
                LOGGER.info("one-way baseline (perf/02's pipeline) at {} changes/s", Arrays.toString(rates));
                baseline = baseline(kafka, registry, monolithServer, serviceServer, dir, commitInterval, rates,
                        duration, warmup, runner);
            }
            LOGGER.info("bi-directional sync at {} changes/s", Arrays.toString(rates));
            List<Object> syncPhases = sync(kafka, registry, monolithServer, serviceServer, dir, commitInterval, rates,
                    duration, warmup, sharedShare, runner, baseline);
            out.put("sync", syncPhases);
            out.put("baseline_one_way", new ArrayList<>(baseline.values()));
            out.put("max_sustained_changes_per_s", syncPhases.stream().map(p -> (Map<?, ?>) p)
                    .filter(p -> Boolean.TRUE.equals(p.get("sustained"))).mapToInt(p -> (Integer) p.get("rate"))
                    .max().orElse(0));
            out.put("baseline_max_sustained_changes_per_s", baseline.values().stream()
                    .filter(p -> Boolean.TRUE.equals(p.get("sustained"))).mapToInt(p -> (Integer) p.get("rate"))
                    .max().orElse(0));
        }
        out.put("load_average_end", loadAverage());
        System.out.println(Json.write(out));
    }

    private static Map<Integer, Map<String, Object>> baseline(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry,
            EmbeddedPostgres monolithServer, EmbeddedPostgres serviceServer, Path dir, long commitInterval, int[] rates,
            int duration, int warmup, PhaseRunner runner) throws Exception {
        DatabaseInfo source = monolithServer.createDatabase("base_monolith");
        DatabaseInfo target = serviceServer.createDatabase("base_service");
        Arrivals.createSchema(source, 'm');
        Arrivals.createSchema(target, 's');
        grantReplicationRole(serviceServer, target);
        Path mappings = dir.resolve("baseline-mappings.yaml");
        Files.writeString(mappings, """
                mappings:
                  - name: bench
                    monolith: public.bench
                    service: public.bench
                    direction: monolith-to-service
                """);
        Map<String, String> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("schema.registry.url", registry.url());
        config.put("strangler.topic.prefix", "perfbase");
        config.put("strangler.mappings.file", mappings.toString());
        config.put("strangler.replicate.state.dir", dir.resolve("baseline-streams").toString());
        config.put("strangler.replicate.commit.interval.ms", Long.toString(commitInterval));
        config.put("capture.database.hostname", source.host());
        config.put("capture.database.port", Integer.toString(source.port()));
        config.put("capture.database.user", source.user());
        config.put("capture.database.password", source.password());
        config.put("capture.database.dbname", source.database());
        config.put("capture.slot.name", "perfbase_monolith");
        config.put("capture.publication.name", "perfbase_monolith");
        config.put("capture.strangler.metrics.jmx.enabled", "false");
        config.put("apply.database.url", target.jdbcUrl());
        config.put("apply.database.user", target.user());
        config.put("apply.database.password", target.password());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("replicate."))
                .forEach(k -> config.put(k.substring("replicate.".length()), System.getProperty(k)));
        Map<Integer, Map<String, Object>> out = new LinkedHashMap<>();
        try (ReplicatePipeline pipeline = ReplicatePipeline.create(new ReplicatePipelineConfig(config))) {
            pipeline.start();
            FixedRateWriter writer = new FixedRateWriter(source, 'm', MONOLITH_KEYS, 0, 0, 1);
            List<PhaseRunner.Lane> lanes = List.of(new PhaseRunner.Lane("monolith_to_service", writer, new Arrivals(target)));
            runner.run(lanes, 100, warmup);
            for (int rate : rates) {
                LOGGER.info("baseline: {} changes/s for {} s", rate, duration);
                PhaseRunner.Result result = runner.run(lanes, rate, duration);
                Map<String, Object> phase = phase(rate, result);
                phase.put("status", pipeline.status().line());
                out.put(rate, phase);
                if (!result.drained()) {
                    break;
                }
            }
        }
        try (Connection c = DriverManager.getConnection(monolithServer.superuserJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("SELECT pg_drop_replication_slot('perfbase_monolith')");
        } catch (SQLException e) {
            LOGGER.warn("could not drop the baseline's replication slot: {}", e.getMessage());
        }
        return out;
    }

    private static List<Object> sync(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, EmbeddedPostgres monolithServer,
            EmbeddedPostgres serviceServer, Path dir, long commitInterval, int[] rates, int duration, int warmup,
            double sharedShare, PhaseRunner runner, Map<Integer, Map<String, Object>> baseline) throws Exception {
        DatabaseInfo monolith = monolithServer.createDatabase("sync_monolith");
        DatabaseInfo service = serviceServer.createDatabase("sync_service");
        Arrivals.createSchema(monolith, 'm');
        Arrivals.createSchema(service, 's');
        grantReplicationRole(monolithServer, monolith);
        grantReplicationRole(serviceServer, service);
        try (Connection c = monolith.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO bench VALUES (?, 0, 'm', 0, 'shared')")) {
            for (long id = 1; id <= SHARED_KEYS; id++) {
                insert.setLong(1, id);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        List<Object> out = new ArrayList<>();
        try (SyncRig rig = new SyncRig(kafka, registry, monolith, service, dir.resolve("sync-streams"), commitInterval)) {
            awaitRows(service, SHARED_KEYS, rig);
            FixedRateWriter m = new FixedRateWriter(monolith, 'm', MONOLITH_KEYS, SHARED_KEYS, sharedShare, 2);
            FixedRateWriter s = new FixedRateWriter(service, 's', SERVICE_KEYS, SHARED_KEYS, sharedShare, 3);
            List<PhaseRunner.Lane> lanes = List.of(new PhaseRunner.Lane("monolith_to_service", m, new Arrivals(service)),
                    new PhaseRunner.Lane("service_to_monolith", s, new Arrivals(monolith)));
            runner.run(lanes, 100, warmup);
            try (StageProbe probe = new StageProbe(kafka, List.of(rig.cdcTopic(Side.MONOLITH), rig.cdcTopic(Side.SERVICE),
                    rig.applyTopic(Side.MONOLITH), rig.applyTopic(Side.SERVICE)))) {
                probe.start();
                for (int rate : rates) {
                    LOGGER.info("sync: {} changes/s ({} per side) for {} s", rate, rate / 2, duration);
                    probe.reset();
                    double conflictsBefore = rig.conflicts();
                    List<Map<String, Object>> threadSamples = new java.util.concurrent.CopyOnWriteArrayList<>();
                    var sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
                    sampler.scheduleAtFixedRate(() -> threadSamples.add(rig.streamThread()), 2, 2,
                            java.util.concurrent.TimeUnit.SECONDS);
                    PhaseRunner.Result result;
                    try {
                        result = runner.run(lanes, rate / 2, duration);
                    } finally {
                        sampler.shutdownNow();
                    }
                    Map<String, Object> phase = phase(rate, result);
                    phase.put("conflicts_per_s", Json.round((rig.conflicts() - conflictsBefore) / result.seconds()));
                    phase.put("conflicts", rig.conflicts() - conflictsBefore);
                    phase.put("echoes_suppressed", rig.metric("echoes-suppressed-total"));
                    phase.put("sync_state", rig.state());
                    phase.put("stream_thread_while_writing", averages(threadSamples));
                    phase.put("rekeyed", rig.metric("rekeyed-total"));
                    Map<String, Object> stages = new LinkedHashMap<>();
                    for (PhaseRunner.LaneResult lane : result.lanes()) {
                        Side from = lane.phase().side() == 'm' ? Side.MONOLITH : Side.SERVICE;
                        Side to = from == Side.MONOLITH ? Side.SERVICE : Side.MONOLITH;
                        stages.put(lane.lane().name(), probe.stages(lane.phase(), lane.arrivals(), rig.cdcTopic(from),
                                rig.applyTopic(to)));
                    }
                    phase.put("stages", stages);
                    phase.put("ratio_to_one_way", ratios(phase, baseline.get(rate)));
                    out.add(phase);
                    if (!result.drained()) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The JSON of one phase: per lane latency and throughput, sustained or not, heap, load. */
    private static Map<String, Object> phase(int rate, PhaseRunner.Result result) {
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("rate", rate);
        boolean sustained = !result.aborted() && result.drained();
        double applied = 0;
        for (PhaseRunner.LaneResult lane : result.lanes()) {
            Map<String, Object> latency = Arrivals.latency(lane.phase(), lane.arrivals());
            latency.put("writer_changes_per_s", Json.round(lane.phase().achievedRate()));
            latency.put("writer_max_lag_ms", Json.round(lane.phase().maxLagMicros() / 1e3));
            latency.put("writer_deadlock_retries_total", lane.lane().writer().retries());
            phase.put(lane.lane().name(), latency);
            Object drain = latency.get("drain_after_writers_ms");
            sustained &= lane.phase().maxLagMicros() < 1_000_000 && drain != null && (Double) drain < 5_000;
            applied += latency.get("applied_changes_per_s") == null ? 0 : (Double) latency.get("applied_changes_per_s");
        }
        phase.put("sustained", sustained);
        phase.put("aborted", result.aborted());
        phase.put("applied_changes_per_s", Json.round(applied));
        phase.put("seconds", Json.round(result.seconds()));
        phase.put("heap_used_max_mb", result.maxHeapUsedBytes() / (1024 * 1024));
        System.gc();
        phase.put("heap_after_gc_mb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024));
        phase.put("load_average", loadAverage());
        phase.put("cpu_seconds_while_writing", result.cpu());
        LOGGER.info("phase {}: {}", rate, Json.write(phase));
        return phase;
    }

    /** Sync / one-way at the same total rate, per direction: p50, p95, p99. */
    private static Map<String, Object> ratios(Map<String, Object> sync, Map<String, Object> oneWay) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (oneWay == null) {
            return out;
        }
        Map<?, ?> base = (Map<?, ?>) oneWay.get("monolith_to_service");
        for (String lane : List.of("monolith_to_service", "service_to_monolith")) {
            Map<?, ?> figures = (Map<?, ?>) sync.get(lane);
            for (String p : List.of("p50_ms", "p95_ms", "p99_ms")) {
                Object a = figures.get(p);
                Object b = base.get(p);
                out.put(lane + "_" + p.replace("_ms", ""), a == null || b == null || (Double) b <= 0 ? null
                        : Json.round((Double) a / (Double) b));
            }
        }
        return out;
    }

    private static void awaitRows(DatabaseInfo db, long rows, SyncRig rig) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM bench")) {
                rs.next();
                if (rs.getLong(1) >= rows) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sync copied " + rs.getLong(1) + " of " + rows
                            + " shared rows in 2 min; sync " + rig.state());
                }
            }
            Thread.sleep(100);
        }
    }

    private static void grantReplicationRole(EmbeddedPostgres server, DatabaseInfo db) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.superuserJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("GRANT SET ON PARAMETER session_replication_role TO \"" + db.user() + "\"");
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
