package io.strangler.router.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The backend side of a proxied exchange: hands what the backend sends to the exchange that leased the connection.
 * An idle pooled connection that receives data or closes is dropped from the pool.
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {

    /** Callbacks of the exchange that currently owns this connection. */
    interface Listener {
        /** A final response's head (or a 101), which the listener releases. */
        void onHead(ResponseHead head);

        /** Body bytes, which the listener releases; the last part ends the response. */
        void onBody(BodyPart part);

        /** The backend sent something that is not a well-framed response. */
        void onMalformed(String reason);

        void onReadComplete();

        void onClosed();

        void onWritabilityChanged(boolean writable);
    }

    private final ResponseFramer framer;
    private Listener listener;
    private Runnable onIdleClose;

    BackendHandler(ResponseFramer framer) {
        this.framer = framer;
    }

    /** Hands the connection to an exchange ({@code headRequest}: its request is HEAD) or, with null, to nobody. */
    void lease(Listener owner, boolean headRequest) {
        this.listener = owner;
        this.onIdleClose = null;
        framer.expectResponseTo(headRequest);
    }

    void lease(Listener owner) {
        lease(owner, false);
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
        if (msg instanceof BodyPart part) {
            owner.onBody(part);
        } else if (msg instanceof ResponseHead head) {
            owner.onHead(head);
        } else if (msg instanceof ResponseFramer.Failure failure) {
            owner.onMalformed(failure.reason());
        } else {
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
