package io.strangler.router;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real WebSocket server on a random loopback port: greets each client with {@code welcome}, answers a text frame
 * with {@code echo:<text>} and a binary frame with the same bytes, closes on {@link #CLOSE_COMMAND}, and counts its
 * open connections.
 */
final class WebSocketEchoBackend implements AutoCloseable {

    static final String PATH = "/ws";
    /** A text frame that makes the server close the connection itself. */
    static final String CLOSE_COMMAND = "close-please";
    private static final int MAX_FRAME = 1 << 20;

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger framesReceived = new AtomicInteger();

    WebSocketEchoBackend() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        openConnections.incrementAndGet();
                        ch.closeFuture().addListener(f -> openConnections.decrementAndGet());
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath(PATH).checkStartsWith(true).maxFramePayloadLength(MAX_FRAME)
                                        .build()),
                                new Echo());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    BackendSpec spec(String name) {
        return new BackendSpec(name, "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort(),
                1_000, 2_000, null);
    }

    int openConnections() {
        return openConnections.get();
    }

    int framesReceived() {
        return framesReceived.get();
    }

    private final class Echo extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                // a server-initiated frame: proves the backend-to-client direction without a prompt
                ctx.writeAndFlush(new TextWebSocketFrame("welcome"));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            framesReceived.incrementAndGet();
            if (frame instanceof TextWebSocketFrame text && CLOSE_COMMAND.equals(text.text())) {
                ctx.writeAndFlush(new CloseWebSocketFrame(1000, "server done"))
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (frame instanceof TextWebSocketFrame text) {
                ctx.writeAndFlush(new TextWebSocketFrame("echo:" + text.text()));
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                ctx.writeAndFlush(new BinaryWebSocketFrame(binary.content().retainedDuplicate()));
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
