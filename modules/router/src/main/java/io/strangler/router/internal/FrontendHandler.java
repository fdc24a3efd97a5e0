package io.strangler.router.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * The client side of a connection: one exchange at a time, in order (pipelined requests wait in a short backlog).
 * Everything runs on the connection's event loop.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {

    private static final int MAX_BACKLOG = 32;

    private final ProxyContext context;
    private final long idleNanos;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    /** Writes that skip the response encoder: proxied responses are forwarded as bytes. */
    private ChannelHandlerContext rawOut;
    private InetSocketAddress client;
    /** The client's address as text, built once per connection rather than per request. */
    private String clientIp;
    private boolean clientIpv6;
    private Exchange exchange;
    /** When the connection last became free of exchanges; the idle timeout counts from here. */
    private long idleSince = System.nanoTime();

    FrontendHandler(ProxyContext context, long idleNanos) {
        this.context = context;
        this.idleNanos = idleNanos;
    }

    ProxyContext context() {
        return context;
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    /** Where a proxied response's bytes are written: past the response encoder, which local responses still use. */
    ChannelHandlerContext rawOut() {
        return rawOut;
    }

    InetSocketAddress client() {
        return client;
    }

    String clientIp() {
        return clientIp;
    }

    boolean clientIpv6() {
        return clientIpv6;
    }

    @Override
    public void channelActive(ChannelHandlerContext channelContext) {
        this.ctx = channelContext;
        this.rawOut = channelContext.pipeline().context(HeadAwareResponseEncoder.class);
        this.client = (InetSocketAddress) channelContext.channel().remoteAddress();
        this.clientIp = ProxyHeaders.clientIp(client);
        this.clientIpv6 = client != null && client.getAddress() instanceof java.net.Inet6Address;
        context.stats().clientConnections.incrementAndGet();
        channelContext.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext channelContext, Object msg) {
        if (exchange != null && exchange.requestDone() || !backlog.isEmpty()) {
            backlog.addLast(msg);
            if (backlog.size() >= MAX_BACKLOG) {
                channelContext.channel().config().setAutoRead(false);
            }
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof BodyPart part) {
            if (exchange == null) {
                part.release();
            } else {
                exchange.requestContent(part);
            }
        } else if (msg instanceof RequestHead head) {
            if (exchange != null) {
                // a new head while the previous request body is unfinished cannot happen with a sane framer
                head.release();
                ctx.close();
                return;
            }
            context.stats().activeExchanges.incrementAndGet();
            exchange = new Exchange(this, head, context.engine().decide(head, client));
            exchange.start(head);
        } else if (msg instanceof RequestFramer.Failure failure) {
            if (exchange != null) {
                // the body of a request already on its way broke its framing: nothing honest can follow
                ctx.close();
                return;
            }
            sendLocalAndClose(failure.headTooLarge() ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST, "malformed request: " + failure.reason());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    void sendLocalAndClose(HttpResponseStatus status, String message) {
        FullHttpResponse response = ErrorResponses.create(ctx.alloc(), status, message, null, null, true);
        ctx.pipeline().get(HeadAwareResponseEncoder.class).headRequest(false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        ctx.channel().config().setAutoRead(false);
    }

    /** Called by the exchange when both request and response are complete. */
    void exchangeFinished(Exchange finished, boolean keepAlive) {
        if (exchange != finished) {
            return;
        }
        exchange = null;
        idleSince = System.nanoTime();
        context.stats().activeExchanges.decrementAndGet();
        if (!keepAlive) {
            releaseBacklog();
            return;
        }
        while (!backlog.isEmpty() && (exchange == null || !exchange.requestDone())) {
            dispatch(backlog.pollFirst());
        }
        if (exchange != null) {
            // a body taken from the backlog was written but not flushed: no read of the client's will come to do it
            exchange.flushBackend();
        }
        if (backlog.isEmpty() && !ctx.channel().config().isAutoRead() && exchange == null) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext channelContext) {
        if (exchange != null) {
            exchange.flushBackend();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext channelContext) {
        if (exchange != null) {
            exchange.clientWritabilityChanged(channelContext.channel().isWritable());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext channelContext, Object evt) {
        // nothing read for the idle time: close unless an exchange is running or has just ended (then the next
        // idle event, one period later, decides), so a connection closes between 1 and 2 idle times after its last use
        if (evt instanceof IdleStateEvent && exchange == null && System.nanoTime() - idleSince >= idleNanos) {
            channelContext.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext channelContext) {
        context.stats().clientConnections.decrementAndGet();
        releaseBacklog();
        if (exchange != null) {
            Exchange aborted = exchange;
            exchange = null;
            context.stats().activeExchanges.decrementAndGet();
            aborted.clientClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext channelContext, Throwable cause) {
        channelContext.close();
    }

    private void releaseBacklog() {
        Object msg;
        while ((msg = backlog.pollFirst()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    Channel channel() {
        return ctx.channel();
    }
}
