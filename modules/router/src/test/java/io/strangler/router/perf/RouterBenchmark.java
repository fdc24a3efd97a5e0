package io.strangler.router.perf;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * perf/05-router: a Netty backend, the router, optionally nginx, and a fixed-rate load generator that measures from
 * each request's intended start (no coordinated omission). Prints one JSON object.
 */
public final class RouterBenchmark {

    /**
     * The router JVM's options (-Drouter.jvm.options): ParallelGC and a fixed heap, as RUNTIME-NOTES advises, and no
     * Netty leak detector, whose stack trace for one buffer in 128 was 2.2 % of the router's CPU (perf).
     */
    static final String ROUTER_JVM_OPTIONS = System.getProperty("router.jvm.options",
            "-Xms512m -Xmx512m -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled");

    private static final byte[] BODY = "{\"ok\":true,\"pad\":\"0123456789012345678901234567890123456789\"}"
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("rate", 5_000);
        int seconds = Integer.getInteger("seconds", 10);
        int warmup = Integer.getInteger("warmup", 10);
        int connections = Integer.getInteger("connections", 32);
        int nginxPort = Integer.getInteger("nginx.port", 0);
        EventLoopGroup backendLoop = new EpollEventLoopGroup(1);
        EventLoopGroup loadLoop = new EpollEventLoopGroup(1);
        int backendPort = startBackend(backendLoop);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rate_per_s", rate);
        out.put("seconds", seconds);
        out.put("connections", connections);
        Map<String, Object> results = new LinkedHashMap<>();
        java.util.Set<String> only = java.util.Set.of(System.getProperty("scenarios",
                "direct,router_1_routes,router_5_routes,nginx").split(","));
        if (only.contains("direct")) {
            results.put("direct", scenario(loadLoop, backendPort, null, rate, seconds, warmup, connections));
        }
        int ioThreads = Integer.getInteger("router.io.threads", 1);
        out.put("router_process", Map.of("jvm_options", ROUTER_JVM_OPTIONS, "io_threads", ioThreads));
        for (int routes : new int[] {1, 5}) {
            if (!only.contains("router_" + routes + "_routes")) {
                continue;
            }
            try (RouterUnderTest router = RouterUnderTest.start(routesYaml(backendPort, routes), ioThreads)) {
                results.put("router_" + routes + "_routes", scenario(loadLoop, router.port(),
                        ProcessCpu.of(router.pid()), rate, seconds, warmup, connections));
            }
        }
        if (!only.contains("nginx")) {
            results.put("nginx", "not measured: not in -Dscenarios");
        } else if (nginxPort > 0) {
            ProcessCpu nginxWorker = ProcessCpu.firstChildOf(Long.parseLong(Files.readString(
                    Path.of(System.getProperty("nginx.pid.file"))).trim()));
            results.put("nginx", scenario(loadLoop, nginxPort, nginxWorker, rate, seconds, warmup, connections));
        } else {
            results.put("nginx", "not measured: nginx is not installed (apt-get install -y nginx)");
        }
        out.put("results", results);
        System.out.println(toJson(out));
        loadLoop.shutdownGracefully();
        backendLoop.shutdownGracefully();
        System.exit(0);
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

    /** {@code proxy}: the process under test whose CPU per request is reported, or null (direct). */
    static Map<String, Object> scenario(EventLoopGroup loop, int port, ProcessCpu proxy, int rate, int seconds,
            int warmup, int connections) throws Exception {
        run(loop, port, rate, warmup, connections); // JIT warm-up, discarded
        Map<String, Object> result = new LinkedHashMap<>();
        CpuProbe probe = new CpuProbe(proxy);
        Histogram fixed = run(loop, port, rate, seconds, connections);
        Map<String, Object> fixedSummary = summary(fixed, seconds);
        fixedSummary.putAll(probe.perRequest(fixed.getTotalCount()));
        result.put("fixed_rate", fixedSummary);
        int saturationSeconds = Math.max(3, seconds / 2);
        probe = new CpuProbe(proxy);
        Histogram saturation = run(loop, port, 0, saturationSeconds, connections);
        result.put("max_throughput_per_s", Math.round(saturation.getTotalCount() / (double) saturationSeconds));
        result.put("saturation_cpu", probe.perRequest(saturation.getTotalCount()));
        return result;
    }

    /** CPU of the proxy and of this JVM (load generator and backend) over one run, per request. */
    private static final class CpuProbe {
        private final ProcessCpu proxy;
        private final ProcessCpu.Sample proxyStart;
        private final ProcessCpu.Sample harnessStart;

        CpuProbe(ProcessCpu proxy) {
            this.proxy = proxy;
            this.proxyStart = proxy == null ? null : proxy.sample();
            this.harnessStart = ProcessCpu.self().sample();
        }

        Map<String, Object> perRequest(long requests) {
            Map<String, Object> m = new LinkedHashMap<>();
            long n = Math.max(1, requests);
            if (proxy != null) {
                ProcessCpu.Sample used = proxy.sample().minus(proxyStart);
                m.put("proxy_cpu_us_per_req", Math.round(used.totalNanos() / 10.0 / n) / 100.0);
                m.put("proxy_kernel_share", used.totalNanos() == 0 ? 0
                        : Math.round(100.0 * used.systemNanos() / used.totalNanos()) / 100.0);
            }
            ProcessCpu.Sample harness = ProcessCpu.self().sample().minus(harnessStart);
            m.put("harness_cpu_us_per_req", Math.round(harness.totalNanos() / 10.0 / n) / 100.0);
            return m;
        }
    }

    private static Map<String, Object> summary(Histogram h, int seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", h.getTotalCount());
        m.put("achieved_per_s", Math.round(h.getTotalCount() / (double) seconds));
        m.put("p50_us", h.getValueAtPercentile(50));
        m.put("p99_us", h.getValueAtPercentile(99));
        m.put("p99_9_us", h.getValueAtPercentile(99.9));
        m.put("max_us", h.getMaxValue());
        return m;
    }

    /**
     * rate > 0: open loop, request i intended at start + i/rate, latency measured from that instant even when it
     * had to wait for a free connection. rate == 0: closed loop, each connection sends back to back.
     */
    static Histogram run(EventLoopGroup loop, int port, int rate, int seconds, int connections) throws Exception {
        Histogram histogram = new Histogram(60_000_000L, 3);
        ArrayDeque<Long> intended = new ArrayDeque<>();
        List<Conn> conns = new ArrayList<>();
        AtomicLong userCounter = new AtomicLong();
        java.util.concurrent.ScheduledFuture<?> ticker = null;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(EpollSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
        for (int i = 0; i < connections; i++) {
            Conn conn = new Conn();
            conns.add(conn);
            bootstrap.handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpClientCodec()).addLast(new SimpleChannelInboundHandler<HttpObject>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                            if (msg instanceof LastHttpContent) {
                                long now = System.nanoTime();
                                histogram.recordValue(Math.min((now - conn.sentFor) / 1_000, 60_000_000L));
                                conn.busy = false;
                                if (rate == 0 && now < end) {
                                    send(conn, now, userCounter);
                                } else if (!intended.isEmpty()) {
                                    send(conn, intended.pollFirst(), userCounter);
                                }
                            } else if (msg instanceof HttpContent) {
                                return;
                            }
                        }
                    });
                }
            });
            conn.channel = bootstrap.connect("127.0.0.1", port).sync().channel();
        }
        if (rate == 0) {
            loop.execute(() -> conns.forEach(c -> send(c, System.nanoTime(), userCounter)));
        } else {
            long periodNanos = 1_000_000_000L / rate;
            long[] next = {0};
            ticker = loop.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                if (now >= end) {
                    return;
                }
                // issue every request whose intended time has come
                while (start + next[0] * periodNanos <= now) {
                    long at = start + next[0] * periodNanos;
                    next[0]++;
                    Conn free = null;
                    for (Conn c : conns) {
                        if (!c.busy) {
                            free = c;
                            break;
                        }
                    }
                    if (free != null) {
                        send(free, at, userCounter);
                    } else {
                        intended.addLast(at);
                    }
                }
            }, 0, 100, TimeUnit.MICROSECONDS);
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 300);
        if (ticker != null) {
            ticker.cancel(false);
        }
        for (Conn c : conns) {
            c.channel.close().sync();
        }
        // scheduled tasks keep running but return immediately after end; give them a fresh loop next time
        return histogram;
    }

    private static void send(Conn conn, long intendedNanos, AtomicLong users) {
        conn.busy = true;
        conn.sentFor = intendedNanos;
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bench/item",
                Unpooled.EMPTY_BUFFER);
        request.headers().set(HttpHeaderNames.HOST, "bench").set("X-User-Id", "user-" + users.incrementAndGet() % 10_000)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        conn.channel.writeAndFlush(request);
    }

    private static final class Conn {
        Channel channel;
        boolean busy;
        long sentFor;
    }

    static int startBackend(EventLoopGroup group) throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec()).addLast(new HttpObjectAggregator(1 << 20))
                                .addLast(new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
                                        DefaultFullHttpResponse response = new DefaultFullHttpResponse(
                                                HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                                Unpooled.wrappedBuffer(BODY));
                                        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                                                .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length);
                                        ctx.writeAndFlush(response);
                                    }
                                });
                    }
                }).bind("127.0.0.1", Integer.getInteger("backend.port", 0)).sync().channel();
        int port = ((java.net.InetSocketAddress) server.localAddress()).getPort();
        Path portFile = Path.of(System.getProperty("backend.port.file", "/dev/null"));
        if (!portFile.toString().equals("/dev/null")) {
            try {
                Files.writeString(portFile, Integer.toString(port));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return port;
    }

    private static String toJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            map.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(toJson(v)));
            return sb.append('}').toString();
        }
        if (value instanceof String s) {
            return '"' + s.replace("\"", "\\\"") + '"';
        }
        return String.valueOf(value);
    }
}
