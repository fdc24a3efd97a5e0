package io.strangler.router.perf;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * perf/05-router: a fast backend, the router, optionally nginx, and a fixed-rate load generator that measures from
 * each request's intended start (no coordinated omission). Load generator and backend allocate nothing per request,
 * so the baseline's tail is the box's, not this JVM's garbage collector's. Prints one JSON object.
 */
public final class RouterBenchmark {

    /**
     * The router JVM's options (-Drouter.jvm.options): ParallelGC and a fixed heap, as RUNTIME-NOTES advises, and no
     * Netty leak detector, whose stack trace for one buffer in 128 was 2.2 % of the router's CPU (perf).
     */
    static final String ROUTER_JVM_OPTIONS = System.getProperty("router.jvm.options",
            "-Xms512m -Xmx512m -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled");

    /** The cold-start scenario: seconds measured from the first request, and the warm-up it compares with none. */
    private static final int COLD_SECONDS = 5;
    private static final int COLD_WARMUP_REQUESTS = 20_000;

    /** Unmeasured traffic at the fixed rate before each measured round. */
    private static final int LEAD_IN_SECONDS = 1;

    /** Distinct X-User-Id values, so the sticky hash sees many keys. */
    private static final int USERS = 10_000;

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | Error e) {
            // event-loop threads would keep a failed run's JVM (and its load) alive: end it
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        int rate = Integer.getInteger("rate", 5_000);
        int seconds = Integer.getInteger("seconds", 6);
        int warmup = Integer.getInteger("warmup", 10);
        int rounds = Integer.getInteger("rounds", 5);
        int connections = Integer.getInteger("connections", 32);
        int nginxPort = Integer.getInteger("nginx.port", 0);
        int ioThreads = Integer.getInteger("router.io.threads", 1);
        // the *_polling scenarios: the same router with io.poll.spin.micros
        int pollSpinMicros = Integer.getInteger("router.poll.spin.micros", 100);
        EventLoopGroup backendLoop = new EpollEventLoopGroup(1);
        EventLoopGroup loadLoop = new EpollEventLoopGroup(1);
        int backendPort = FastBackend.start(backendLoop, Integer.getInteger("backend.port", 0));
        java.util.Set<String> only = java.util.Set.of(System.getProperty("scenarios",
                "direct,router_1_routes,router_5_routes,nginx").split(","));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rate_per_s", rate);
        out.put("seconds_per_round", seconds);
        out.put("rounds", rounds);
        out.put("connections", connections);
        out.put("router_process", Map.of("jvm_options", ROUTER_JVM_OPTIONS, "io_threads", ioThreads,
                "polling_scenarios_spin_micros", pollSpinMicros));
        List<AutoCloseable> resources = new ArrayList<>();
        List<Scenario> scenarios = new ArrayList<>();
        Map<String, Object> skipped = new LinkedHashMap<>();
        try {
            if (only.contains("direct")) {
                scenarios.add(new Scenario("direct", backendPort, null));
            }
            for (int routes : new int[] {1, 5}) {
                for (int spin : new int[] {0, pollSpinMicros}) {
                    String name = "router_" + routes + "_routes" + (spin > 0 ? "_polling" : "");
                    if (only.contains(name)) {
                        // the harness warms every scenario up itself (WARMUP): the router's own warm-up off
                        RouterUnderTest router = RouterUnderTest.start(routesYaml(backendPort, routes), ioThreads,
                                spin, 0);
                        resources.add(router);
                        scenarios.add(new Scenario(name, router.port(), ProcessCpu.of(router.pid())));
                    }
                }
            }
            if (!only.contains("nginx")) {
                skipped.put("nginx", "not measured: not in -Dscenarios");
            } else if (nginxPort > 0) {
                scenarios.add(new Scenario("nginx", nginxPort, ProcessCpu.firstChildOf(Long.parseLong(
                        Files.readString(Path.of(System.getProperty("nginx.pid.file"))).trim()))));
            } else {
                skipped.put("nginx", "not measured: nginx is not installed (apt-get install -y nginx)");
            }
            if (only.contains("cold_start")) {
                out.put("cold_start", coldStart(loadLoop, backendPort, ioThreads, rate, connections));
            }
            for (Scenario scenario : scenarios) {
                scenario.load = LoadGenerator.connect(loadLoop, scenario.port, connections, USERS);
                resources.add(scenario.load);
                scenario.load.fixedRate(rate, warmup); // JIT warm-up, discarded
            }
            interleaved(scenarios, rounds, scenario -> scenario.fixedRound(rate, seconds));
            int saturationSeconds = Math.max(3, seconds / 2);
            interleaved(scenarios, rounds, scenario -> scenario.saturationRound(saturationSeconds));
        } finally {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
        }
        Map<String, Object> results = new LinkedHashMap<>();
        Scenario direct = scenarios.stream().filter(sc -> sc.name.equals("direct")).findFirst().orElse(null);
        for (Scenario scenario : scenarios) {
            results.put(scenario.name, scenario.summary(direct));
        }
        results.putAll(skipped);
        out.put("results", results);
        System.out.println(toJson(out));
        loadLoop.shutdownGracefully();
        backendLoop.shutdownGracefully();
        System.exit(0);
    }

    /**
     * A freshly started router (1 route), measured from its first request on at the fixed rate for
     * {@value #COLD_SECONDS} s, without and with its JIT warm-up (warmup.requests): what users see right after an
     * instance restarts.
     */
    private static Map<String, Object> coldStart(EventLoopGroup loop, int backendPort, int ioThreads, int rate,
            int connections) throws Exception {
        Map<String, Object> cold = new LinkedHashMap<>();
        for (int warmupRequests : new int[] {0, COLD_WARMUP_REQUESTS}) {
            try (RouterUnderTest router = RouterUnderTest.start(routesYaml(backendPort, 1), ioThreads, 0,
                    warmupRequests); LoadGenerator load = LoadGenerator.connect(loop, router.port(), connections,
                    USERS)) {
                LoadGenerator.Result result = load.fixedRate(rate, COLD_SECONDS);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("start_to_listening_ms", router.startMillis());
                putPercentiles(m, result.latencyMicros());
                cold.put("warmup_requests_" + warmupRequests, m);
                timeline("cold start, warmup.requests=" + warmupRequests, result);
            }
        }
        return cold;
    }

    /** p50, p99, p99.9 and max of {@code latencyMicros}, under the JSON names every scenario uses. */
    private static void putPercentiles(Map<String, Object> into, Histogram latencyMicros) {
        into.put("p50_us", latencyMicros.getValueAtPercentile(50));
        into.put("p99_us", latencyMicros.getValueAtPercentile(99));
        into.put("p99_9_us", latencyMicros.getValueAtPercentile(99.9));
        into.put("max_us", latencyMicros.getMaxValue());
    }

    private interface RoundAction {
        void run(Scenario scenario) throws Exception;
    }

    /**
     * Runs {@code action} on every scenario, {@code rounds} times, starting each round one scenario later: a slow
     * minute of the (shared, virtual) box then hits every scenario alike instead of one of them.
     */
    private static void interleaved(List<Scenario> scenarios, int rounds, RoundAction action) throws Exception {
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < scenarios.size(); i++) {
                action.run(scenarios.get((i + round) % scenarios.size()));
            }
        }
    }

    /**
     * A routes file with {@code routes} routes; the measured one is last (worst case for matching) and splits 50/50
     * by X-User-Id between two names of the same backend.
     */
    static String routesYaml(int backendPort, int routes) {
        StringBuilder yaml = new StringBuilder("backends:\n");
        for (String name : List.of("monolith", "service")) {
            yaml.append("  ").append(name).append(": { url: \"http://127.0.0.1:").append(backendPort)
                    .append("\", connectTimeoutMs: 1000, responseTimeoutMs: 5000 }\n");
        }
        yaml.append("routes:\n");
        for (int i = 1; i < routes; i++) {
            yaml.append("  - { id: other").append(i).append(", match: { pathPrefix: /other").append(i)
                    .append(", methods: [GET] }, stable: monolith, candidate: service, weight: 10,")
                    .append(" stickyKey: \"header:X-User-Id\" }\n");
        }
        yaml.append("  - { id: bench, match: { pathPrefix: /bench }, stable: monolith, candidate: service,")
                .append(" weight: 50, stickyKey: \"header:X-User-Id\" }\n");
        return yaml.toString();
    }

    /**
     * One target (direct, a router, nginx) on one set of keep-alive connections, measured in rounds: its fixed-rate
     * rounds pooled into one histogram (the percentiles reported) and kept apart (the per-round p99s, whose spread
     * shows how far one round can be trusted), then closed-loop saturation rounds.
     */
    private static final class Scenario {
        final String name;
        final int port;
        final ProcessCpu proxy;
        final Histogram pooled = new Histogram(60_000_000L, 3);
        final List<Long> roundP99 = new ArrayList<>();
        final List<Long> roundThroughput = new ArrayList<>();
        final CpuProbe.Total fixedCpu = new CpuProbe.Total();
        final CpuProbe.Total saturationCpu = new CpuProbe.Total();
        LoadGenerator load;

        Scenario(String name, int port, ProcessCpu proxy) {
            this.name = name;
            this.port = port;
            this.proxy = proxy;
        }

        void fixedRound(int rate, int seconds) throws Exception {
            // a target has been idle through the other scenarios' rounds, which no proxy at this rate is in
            // production (one such start stalled 24 ms): lead in unmeasured
            load.fixedRate(rate, LEAD_IN_SECONDS);
            CpuProbe probe = new CpuProbe(proxy);
            LoadGenerator.Result result = load.fixedRate(rate, seconds);
            fixedCpu.add(probe, result.latencyMicros().getTotalCount());
            pooled.add(result.latencyMicros());
            roundP99.add(result.latencyMicros().getValueAtPercentile(99));
            timeline(name + " round " + roundP99.size(), result);
        }

        void saturationRound(int seconds) throws Exception {
            CpuProbe probe = new CpuProbe(proxy);
            LoadGenerator.Result result = load.closedLoop(seconds);
            saturationCpu.add(probe, result.completedInWindow());
            roundThroughput.add(result.perSecond());
        }

        Map<String, Object> summary(Scenario direct) {
            Map<String, Object> fixed = new LinkedHashMap<>();
            fixed.put("requests", pooled.getTotalCount());
            putPercentiles(fixed, pooled);
            fixed.put("p99_us_per_round", roundP99);
            fixed.put("p99_us_median_of_rounds", median(roundP99));
            if (direct != null && direct != this) {
                fixed.put("added_p50_us", pooled.getValueAtPercentile(50) - direct.pooled.getValueAtPercentile(50));
                fixed.put("added_p99_us", pooled.getValueAtPercentile(99) - direct.pooled.getValueAtPercentile(99));
                List<Long> added = new ArrayList<>();
                for (int i = 0; i < roundP99.size(); i++) {
                    added.add(roundP99.get(i) - direct.roundP99.get(i));
                }
                fixed.put("added_p99_us_median_of_rounds", median(added));
            }
            fixed.putAll(fixedCpu.perRequest(proxy != null));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fixed_rate", fixed);
            m.put("max_throughput_per_s", median(roundThroughput));
            m.put("max_throughput_per_s_per_round", roundThroughput);
            m.put("saturation_cpu", saturationCpu.perRequest(proxy != null));
            return m;
        }

        private static long median(List<Long> values) {
            List<Long> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    /** With -Dtimeline=true, where in the phase the slow requests were (stderr). */
    private static void timeline(String phase, LoadGenerator.Result result) {
        if (Boolean.getBoolean("timeline")) {
            System.err.println("timeline of " + phase + ", started at " + java.time.Instant.ofEpochMilli(
                    result.startEpochMillis()) + " (per 100 ms: requests over 1 ms / slowest in ms):"
                    + result.timeline());
        }
    }

    /** CPU of the proxy and of this JVM (load generator and backend) over one round. */
    private static final class CpuProbe {
        private final ProcessCpu proxy;
        private final ProcessCpu.Sample proxyStart;
        private final ProcessCpu.Sample harnessStart;

        CpuProbe(ProcessCpu proxy) {
            this.proxy = proxy;
            this.proxyStart = proxy == null ? null : proxy.sample();
            this.harnessStart = ProcessCpu.self().sample();
        }

        /** The CPU of several rounds added up, reported per request. */
        static final class Total {
            private long proxyNanos;
            private long proxySystemNanos;
            private long harnessNanos;
            private long requests;

            void add(CpuProbe probe, long roundRequests) {
                if (probe.proxy != null) {
                    ProcessCpu.Sample used = probe.proxy.sample().minus(probe.proxyStart);
                    proxyNanos += used.totalNanos();
                    proxySystemNanos += used.systemNanos();
                }
                harnessNanos += ProcessCpu.self().sample().minus(probe.harnessStart).totalNanos();
                requests += roundRequests;
            }

            Map<String, Object> perRequest(boolean withProxy) {
                Map<String, Object> m = new LinkedHashMap<>();
                long n = Math.max(1, requests);
                if (withProxy) {
                    m.put("proxy_cpu_us_per_req", Math.round(proxyNanos / 10.0 / n) / 100.0);
                    m.put("proxy_kernel_share", proxyNanos == 0 ? 0
                            : Math.round(100.0 * proxySystemNanos / proxyNanos) / 100.0);
                }
                m.put("harness_cpu_us_per_req", Math.round(harnessNanos / 10.0 / n) / 100.0);
                return m;
            }
        }
    }

    private static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            map.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(toJson(v)));
            return sb.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            list.forEach(v -> sb.append(sb.length() > 1 ? "," : "").append(toJson(v)));
            return sb.append(']').toString();
        }
        if (value instanceof String s) {
            return '"' + s.replace("\"", "\\\"") + '"';
        }
        return String.valueOf(value);
    }
}
