package io.strangler.router.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.strangler.router.BackendSpec;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keep-alive connections to backends, one set per event loop: a client connection and its backend connection share
 * a thread, so proxying needs no locks and no cross-thread hand-off.
 */
public final class BackendPool {

    /** As Netty's client codec allowed before responses were forwarded as bytes. */
    private static final int MAX_RESPONSE_HEAD_BYTES = 65_536;

    private final Class<? extends Channel> channelType;
    private final int maxIdlePerLoop;
    private final ConnectionStats stats;
    /** Backend name, then URL: two lookups of strings whose hashes are cached, no key built per request. */
    private final FastThreadLocal<Map<String, Map<String, ArrayDeque<Channel>>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<String, Map<String, ArrayDeque<Channel>>> initialValue() {
            return new HashMap<>();
        }
    };

    public BackendPool(Class<? extends Channel> channelType, int maxIdlePerLoop, ConnectionStats stats) {
        this.channelType = channelType;
        this.maxIdlePerLoop = maxIdlePerLoop;
        this.stats = stats;
    }

    /** An idle connection to the backend on the calling event loop, or null. */
    Channel poll(BackendSpec backend) {
        Map<String, ArrayDeque<Channel>> byUrl = idle.get().get(backend.name());
        ArrayDeque<Channel> queue = byUrl == null ? null : byUrl.get(backend.url());
        while (queue != null && !queue.isEmpty()) {
            Channel channel = queue.pollLast();
            stats.idleBackendConnections.decrementAndGet();
            if (channel.isActive()) {
                return channel;
            }
            channel.close();
        }
        return null;
    }

    /** Returns a connection after a complete exchange; closes it when the pool is full. */
    void release(BackendSpec backend, Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        ArrayDeque<Channel> queue = idle.get().computeIfAbsent(backend.name(), k -> new HashMap<>())
                .computeIfAbsent(backend.url(), k -> new ArrayDeque<>());
        if (queue.size() >= maxIdlePerLoop) {
            channel.close();
            return;
        }
        BackendHandler handler = channel.pipeline().get(BackendHandler.class);
        handler.idle(() -> {
            if (queue.remove(channel)) {
                stats.idleBackendConnections.decrementAndGet();
            }
        });
        queue.addLast(channel);
        stats.idleBackendConnections.incrementAndGet();
    }

    ChannelFuture connect(EventLoop loop, BackendSpec backend) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, backend.connectTimeoutMs())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ResponseFramer framer = new ResponseFramer(MAX_RESPONSE_HEAD_BYTES);
                        ch.pipeline().addLast("framer", framer)
                                .addLast("handler", new BackendHandler(framer));
                    }
                });
        ChannelFuture future = bootstrap.connect(backend.host(), backend.port());
        future.addListener(f -> {
            if (f.isSuccess()) {
                stats.backendConnections.incrementAndGet();
                future.channel().closeFuture().addListener(c -> stats.backendConnections.decrementAndGet());
            }
        });
        return future;
    }
}
