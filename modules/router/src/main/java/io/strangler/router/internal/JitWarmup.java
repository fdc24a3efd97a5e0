package io.strangler.router.internal;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.strangler.router.BackendSpec;
import io.strangler.router.RouteSpec;
import io.strangler.router.RouteTable;
import io.strangler.router.StickyKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends synthetic traffic through a throwaway proxy of the same code before the real one listens. A JVM proxy runs
 * interpreted code for its first requests and compiles the hot path over its first seconds (p99 above 200 ms for
 * about 10 s on a 2-core machine): warmed here, a restarted instance takes its first user requests with compiled
 * code instead. Nothing of it is shared with the router: own backend, routing engine, meters, pool and statistics, on
 * loopback ports of its own, all closed before the router starts.
 */
public final class JitWarmup {

    private static final Logger LOGGER = LoggerFactory.getLogger(JitWarmup.class);
    private static final int CONNECTIONS = 16;
    private static final long TIMEOUT_SECONDS = 60;
    private static final byte[] BODY = "{\"warmup\":true}".getBytes(StandardCharsets.US_ASCII);

    private JitWarmup() {
    }

    /** What the warm-up did. */
    public record Result(int requests, long millis) {
    }

    /**
     * Proxies {@code requests} requests through a split route with a sticky header (the common decision path) to a
     * local backend, {@value #CONNECTIONS} keep-alive connections back to back. Returns early, with what was done,
     * if the traffic stalls for a minute or fails (logged: the router then starts cold).
     */
    public static Result run(int requests, ProxyServer.Settings like) throws InterruptedException {
        long start = System.nanoTime();
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(2, new DefaultThreadFactory("router-warmup", true))
                : new NioEventLoopGroup(2, new DefaultThreadFactory("router-warmup", true));
        ProxyServer proxy = null;
        AtomicInteger answered = new AtomicInteger();
        try {
            int backendPort = startBackend(group, epoll);
            BackendSpec stable = new BackendSpec("warmup-stable", "http://127.0.0.1:" + backendPort, 1_000, 5_000,
                    null);
            BackendSpec candidate = new BackendSpec("warmup-candidate", "http://127.0.0.1:" + backendPort, 1_000,
                    5_000, null);
            RoutingEngine engine = new RoutingEngine(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 5,
                    10_000);
            engine.install(new RouteTable(Map.of(stable.name(), stable, candidate.name(), candidate),
                    List.of(RouteSpec.split("warmup", "/", stable.name(), candidate.name(), 50,
                            StickyKey.parse("header:X-User-Id"))), Map.of()));
            proxy = new ProxyServer(new ProxyServer.Settings("127.0.0.1", 0, like.threads(), like.maxIdlePerLoop(),
                    like.maxHeaderBytes(), like.clientIdleMillis(), 0), engine, ProxyObserver.NONE,
                    (decision, request) -> null, new ConnectionStats());
            drive(group, epoll, proxy.port(), requests, answered);
        } catch (RuntimeException e) {
            // a warm-up is an optimisation: whatever breaks it must not keep the router from starting
            LOGGER.warn("JIT warm-up failed after {} requests; starting cold: {}", answered.get(), e.toString());
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        Result result = new Result(answered.get(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        LOGGER.info("JIT warm-up: {} requests through a throwaway proxy in {} ms", result.requests(), result.millis());
        return result;
    }

    private static void drive(EventLoopGroup group, boolean epoll, int port, int requests, AtomicInteger answered)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        Bootstrap client = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec()).addLast(new SimpleChannelInboundHandler<
                                HttpObject>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                if (msg instanceof LastHttpContent) {
                                    if (answered.incrementAndGet() >= requests) {
                                        done.countDown();
                                    } else {
                                        send(ctx.channel(), sent, requests);
                                    }
                                }
                            }
                        });
                    }
                });
        List<Channel> channels = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < Math.min(CONNECTIONS, requests); i++) {
                Channel channel = client.connect("127.0.0.1", port).sync().channel();
                channels.add(channel);
                send(channel, sent, requests);
            }
            if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOGGER.warn("JIT warm-up stalled after {} of {} requests; starting anyway", answered.get(), requests);
            }
        } finally {
            for (Channel channel : channels) {
                channel.close().syncUninterruptibly();
            }
        }
    }

    private static void send(Channel channel, AtomicInteger sent, int requests) {
        int n = sent.getAndIncrement();
        if (n >= requests) {
            return;
        }
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/warmup/" + n,
                Unpooled.EMPTY_BUFFER);
        request.headers().set(HttpHeaderNames.HOST, "warmup").set("X-User-Id", "user-" + (n % 1_000))
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        channel.writeAndFlush(request);
    }

    private static int startBackend(EventLoopGroup group, boolean epoll) throws InterruptedException {
        Channel server = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec()).addLast(new HttpObjectAggregator(1 << 16))
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
                }).bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }
}
