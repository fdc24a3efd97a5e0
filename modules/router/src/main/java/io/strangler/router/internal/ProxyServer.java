package io.strangler.router.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Netty server of the proxy: native epoll when available, one pipeline per client connection. */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProxyServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;
    private final ConnectionStats stats;

    /**
     * How the proxy listens and treats connections.
     *
     * @param threads          event loops; 0 = one per CPU core
     * @param spinMicros       how long an event loop keeps polling after its last I/O event before it sleeps
     *                         (epoll only); 0 = never
     */
    public record Settings(String host, int port, int threads, int maxIdlePerLoop, int maxHeaderBytes,
            int clientIdleMillis, int spinMicros) {
    }

    public ProxyServer(Settings settings, RoutingEngine engine, ProxyObserver observer,
            ProxyContext.ShadowFactory shadows, ConnectionStats stats) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        int n = settings.threads() > 0 ? settings.threads() : Runtime.getRuntime().availableProcessors();
        int clientIdleMillis = settings.clientIdleMillis();
        int maxHeaderBytes = settings.maxHeaderBytes();
        this.boss = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("router-accept", true))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("router-accept", true));
        DefaultThreadFactory io = new DefaultThreadFactory("router-io", true);
        this.workers = !epoll ? new NioEventLoopGroup(n, io)
                : settings.spinMicros() > 0
                        ? new EpollEventLoopGroup(n, io, SpinningSelectStrategy.factory(settings.spinMicros()))
                        : new EpollEventLoopGroup(n, io);
        Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class
                : NioServerSocketChannel.class;
        Class<? extends SocketChannel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.stats = stats;
        BackendPool pool = new BackendPool(clientType, settings.maxIdlePerLoop(), stats);
        ProxyContext context = new ProxyContext(engine, pool, stats, observer, shadows);
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers).channel(serverType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                // reader idle only: an all-idle handler puts a listener on every write
                                .addLast("idle", new IdleStateHandler(clientIdleMillis, 0, 0, TimeUnit.MILLISECONDS))
                                .addLast("framer", new RequestFramer(maxHeaderBytes))
                                .addLast("encoder", new HeadAwareResponseEncoder())
                                .addLast("proxy", new FrontendHandler(context,
                                        TimeUnit.MILLISECONDS.toNanos(clientIdleMillis)));
                    }
                });
        this.server = bootstrap.bind(new InetSocketAddress(settings.host(), settings.port())).sync().channel();
        LOGGER.info("Router proxy listening on {} ({} event loops, {}{})", server.localAddress(), n,
                epoll ? "epoll" : "nio", epoll && settings.spinMicros() > 0
                        ? ", polling " + settings.spinMicros() + " us before sleeping" : "");
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public ConnectionStats stats() {
        return stats;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
