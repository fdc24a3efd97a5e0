package io.strangler.router.perf;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's backend: answers every request with the same small JSON document, written from pre-encoded bytes
 * into pooled buffers. It allocates nothing per request, so it adds no garbage-collection pauses of its own to the
 * latency the load generator measures (Netty's HTTP codec allocated ~1 KB per request here).
 */
final class FastBackend {

    static final byte[] BODY = "{\"ok\":true,\"pad\":\"0123456789012345678901234567890123456789\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
            + BODY.length + "\r\n\r\n" + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

    private FastBackend() {
    }

    /** Listens on 127.0.0.1:{@code port} (0: any free port) and returns the port. */
    static int start(EventLoopGroup group, int port) throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Responder());
                    }
                }).bind("127.0.0.1", port).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static final class Responder extends ChannelInboundHandlerAdapter {
        private final MessageScanner requests = new MessageScanner();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                for (int n = requests.feed(in); n > 0; n--) {
                    ctx.write(ctx.alloc().directBuffer(RESPONSE.length).writeBytes(RESPONSE), ctx.voidPromise());
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
