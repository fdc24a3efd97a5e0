package io.strangler.router.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * The backend side of a proxied exchange: hands what the backend sends to the exchange that leased the connection.
 * An idle pooled connection that receives data or closes is dropped from the pool.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {

    /** Callbacks of the exchange that currently owns this connection. */
    interface Listener {
        void onResponse(HttpResponse response);

        void onContent(HttpContent content);

        void onReadComplete();

        void onClosed();

        void onWritabilityChanged(boolean writable);
    }

    private Listener listener;
    private Runnable onIdleClose;

    void lease(Listener owner) {
        this.listener = owner;
        this.onIdleClose = null;
    }

    void idle(Runnable removeFromPool) {
        this.listener = null;
        this.onIdleClose = removeFromPool;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Listener owner = listener;
        if (owner == null) {
            // nobody asked: a backend talking on an idle connection is broken, drop it
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            owner.onResponse(response);
        }
        if (msg instanceof HttpContent content) {
            owner.onContent(content);
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Listener owner = listener;
        if (owner != null) {
            owner.onReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Listener owner = listener;
        if (owner != null) {
            owner.onWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Listener owner = listener;
        listener = null;
        if (owner != null) {
            owner.onClosed();
        } else if (onIdleClose != null) {
            onIdleClose.run();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
