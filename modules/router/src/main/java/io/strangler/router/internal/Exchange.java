package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.strangler.router.BackendSpec;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One request/response exchange through the proxy, streamed both ways. Runs entirely on the client connection's event
 * loop; the backend connection is leased from that loop's pool and returned only after a complete exchange.
 */
final class Exchange implements BackendHandler.Listener {

    private static final ByteBuf CONTINUE = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
            "HTTP/1.1 100 Continue\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII)).asReadOnly();

    private final FrontendHandler front;
    private final ChannelHandlerContext ctx;
    /** Where the response's bytes go: past the client's response encoder. */
    private final ChannelHandlerContext out;
    private final String method;
    private final String uri;
    private final RequestHead.Framing requestFraming;
    private final Decision decision;
    private final boolean head;
    private final boolean upgrade;
    /** The client's version: the request goes on as HTTP/1.1, the answer must suit what the client speaks. */
    private final boolean http10;
    private final long startNanos = System.nanoTime();
    private boolean clientKeepAlive;
    private Channel backend;
    /** The request head as the backend gets it, kept until a response starts (a body-less request may be replayed). */
    private ByteBuf forwardedHead;
    private ArrayDeque<BodyPart> pending;
    private ScheduledFuture<?> timeout;
    private ShadowTap shadow;
    /** Decodes a chunked body for an HTTP/1.0 client; null otherwise. */
    private ChunkedScanner dechunk;
    /** Decodes a chunked body for the shadow copy; null otherwise. */
    private ChunkedScanner shadowChunks;
    /** Decodes a chunked request body for the shadow copy; null otherwise. */
    private ChunkedScanner shadowRequestChunks;
    private boolean requestDone;
    private boolean responseStarted;
    private boolean responseDone;
    private boolean finished;
    private boolean reused;
    private boolean bodySent;
    private boolean needsFlush;
    private boolean backendKeepAlive;
    private int retries;
    private int status;

    /** @param request read for what the exchange keeps of it; {@link #start} then takes it */
    Exchange(FrontendHandler front, RequestHead request, Decision decision) {
        this.front = front;
        this.ctx = front.ctx();
        this.out = front.rawOut();
        this.method = request.method();
        this.uri = request.uri();
        this.requestFraming = request.framing();
        this.decision = decision;
        this.head = method.equals("HEAD");
        this.upgrade = request.webSocketUpgrade();
        this.http10 = request.http10();
        this.clientKeepAlive = request.keepAlive();
    }

    boolean requestDone() {
        return requestDone;
    }

    /** Routes and sends {@code request} (the one this exchange was made for), and releases it. */
    void start(RequestHead request) {
        try {
            if (decision.route() == null) {
                local(HttpResponseStatus.NOT_FOUND, "no route matches " + method + " " + path());
                return;
            }
            if (decision.backend() == null) {
                local(HttpResponseStatus.SERVICE_UNAVAILABLE, "no healthy backend for this route");
                return;
            }
            if (request.expectation() == RequestHead.Expectation.UNSUPPORTED) {
                local(HttpResponseStatus.EXPECTATION_FAILED, "only the expectation 100-continue is supported");
                return;
            }
            if (request.expectation() == RequestHead.Expectation.CONTINUE && !http10) {
                // the proxy invites the body itself (the backend gets no Expect), as it will read the body anyway
                out.writeAndFlush(CONTINUE.retainedDuplicate());
            }
            forwardedHead = request.rewrite(ctx.alloc(), front.clientIp(), front.clientIpv6());
            if (decision.shadow() && !upgrade) {
                shadow = front.context().shadows().create(decision, request);
                if (shadow != null && requestFraming == RequestHead.Framing.CHUNKED) {
                    shadowRequestChunks = new ChunkedScanner(false);
                }
            }
        } finally {
            request.release();
        }
        if (responseDone) {
            return;
        }
        Channel pooled = front.context().pool().poll(decision.backend());
        if (pooled != null) {
            reused = true;
            attach(pooled);
        } else {
            connect();
        }
    }

    private void connect() {
        pending = pending == null ? new ArrayDeque<>() : pending;
        ChannelFuture future = front.context().pool().connect(ctx.channel().eventLoop(), decision.backend());
        future.addListener(f -> {
            if (finished) {
                if (f.isSuccess()) {
                    front.context().pool().release(decision.backend(), future.channel());
                }
                return;
            }
            if (f.isSuccess()) {
                attach(future.channel());
            } else {
                backendFailed("cannot connect to backend: " + f.cause().getMessage());
                fail(HttpResponseStatus.BAD_GATEWAY, "cannot connect to backend " + decision.backend().name());
            }
        });
    }

    private void attach(Channel channel) {
        backend = channel;
        channel.pipeline().get(BackendHandler.class).lease(this, head);
        channel.write(forwardedHead.retainedDuplicate());
        if (pending != null) {
            BodyPart part;
            while ((part = pending.pollFirst()) != null) {
                bodySent |= part.content().isReadable();
                channel.write(part.content());
            }
        }
        channel.flush();
        timeout = channel.eventLoop().schedule(this::timedOut, decision.backend().responseTimeoutMs(),
                TimeUnit.MILLISECONDS);
        if (!channel.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    void requestContent(BodyPart part) {
        boolean last = part.last();
        ByteBuf bytes = part.content();
        if (shadow != null) {
            copyToShadow(bytes, shadowRequestChunks, shadow::requestContent);
        }
        if (responseDone || decision.backend() == null || decision.route() == null) {
            part.release();
        } else if (backend != null) {
            bodySent |= bytes.isReadable();
            backend.write(bytes);
            needsFlush = true;
            if (!backend.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        } else {
            pending.addLast(part);
        }
        if (last) {
            requestDone = true;
            if (responseDone) {
                finish(clientKeepAlive);
            }
        }
    }

    void flushBackend() {
        if (needsFlush && backend != null) {
            needsFlush = false;
            backend.flush();
        }
    }

    void clientWritabilityChanged(boolean writable) {
        if (backend != null && !responseDone) {
            backend.config().setAutoRead(writable);
        }
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        if (!requestDone) {
            ctx.channel().config().setAutoRead(writable);
        }
    }

    @Override
    public void onHead(ResponseHead head) {
        releaseForwardedHead();
        try {
            if (head.status() == 101 && !upgrade) {
                onMalformed("101 Switching Protocols to a request that asked for no upgrade");
                return;
            }
            cancelTimeout();
            responseStarted = true;
            status = head.status();
            if (status == 101) {
                switchProtocols(head);
                return;
            }
            backendKeepAlive = head.keepAlive();
            ResponseHead.Framing framing = head.framing();
            boolean framed = framing == ResponseHead.Framing.NONE || framing == ResponseHead.Framing.CONTENT_LENGTH;
            if (framing == ResponseHead.Framing.UNTIL_CLOSE || http10 && !framed) {
                // the body's end can only be told to the client by closing
                clientKeepAlive = false;
            }
            if (http10 && framing == ResponseHead.Framing.CHUNKED) {
                // an HTTP/1.0 client cannot read chunks: it gets the data, and the close marks its end
                dechunk = new ChunkedScanner(true);
            }
            String connection = !clientKeepAlive ? "close" : http10 ? "keep-alive" : null;
            ByteBuf bytes = head.rewrite(ctx.alloc(), http10 && head.chunked(), decision.setCookie(), connection);
            if (shadow != null) {
                shadow.responseHead(status, head.fields());
                if (framing == ResponseHead.Framing.CHUNKED) {
                    shadowChunks = new ChunkedScanner(true);
                }
            }
            out.write(bytes);
        } finally {
            head.release();
        }
    }

    @Override
    public void onBody(BodyPart part) {
        ByteBuf bytes = part.content();
        if (shadow != null) {
            copyToShadow(bytes, shadowChunks, shadow::responseContent);
        }
        if (dechunk != null) {
            scan(dechunk, bytes, (buf, index, length) -> out.write(buf.retainedSlice(index, length)));
            part.release();
            bytes = Unpooled.EMPTY_BUFFER;
        }
        if (!part.last()) {
            out.write(bytes);
            if (!ctx.channel().isWritable()) {
                backend.config().setAutoRead(false);
            }
            return;
        }
        responseDone = true;
        record(status);
        front.context().engine().health(decision.backend().name()).success();
        ChannelFuture written = out.writeAndFlush(bytes);
        if (!clientKeepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
        Channel used = backend;
        backend = null;
        if (backendKeepAlive && requestDone) {
            front.context().pool().release(decision.backend(), used);
        } else {
            used.pipeline().get(BackendHandler.class).lease(null);
            used.close();
        }
        if (shadow != null) {
            shadow.primaryDone();
        }
        if (requestDone) {
            finish(clientKeepAlive);
        }
    }

    /** Hands a body's data to the shadow copy: as it is, or de-chunked when {@code chunks} follows its framing. */
    private static void copyToShadow(ByteBuf bytes, ChunkedScanner chunks, Consumer<ByteBuf> into) {
        if (chunks == null) {
            into.accept(bytes);
        } else {
            scan(chunks, bytes, (buf, index, length) -> into.accept(buf.slice(index, length)));
        }
    }

    /** Bytes the framer has already found to be a well-formed chunked body: decoding them again cannot fail. */
    private static void scan(ChunkedScanner scanner, ByteBuf bytes, ChunkedScanner.DataSink sink) {
        try {
            scanner.scan(bytes, bytes.readerIndex(), bytes.writerIndex(), sink);
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("a chunked body the framer accepted does not decode", e);
        }
    }

    @Override
    public void onMalformed(String reason) {
        String message = "backend " + decision.backend().name() + " sent a malformed response: " + reason;
        backendFailed(message);
        if (!responseStarted) {
            fail(HttpResponseStatus.BAD_GATEWAY, message);
            return;
        }
        closeBackend();
        abortMidResponse();
    }

    @Override
    public void onReadComplete() {
        if (!responseDone) {
            ctx.flush();
        }
    }

    @Override
    public void onClosed() {
        cancelTimeout();
        if (responseDone || finished) {
            return;
        }
        backend = null;
        if (!responseStarted) {
            if (reused && !bodySent && requestDone && retries == 0) {
                // a pooled connection the backend had already closed: safe to replay a body-less request once
                retries++;
                reused = false;
                pending = new ArrayDeque<>();
                connect();
                return;
            }
            backendFailed("backend closed the connection before answering");
            fail(HttpResponseStatus.BAD_GATEWAY, "backend " + decision.backend().name()
                    + " closed the connection before answering");
            return;
        }
        backendFailed("backend closed the connection mid-response");
        abortMidResponse();
    }

    /** The head is already on its way: closing is the only honest signal of a truncated answer. */
    private void abortMidResponse() {
        releaseForwardedHead();
        record(HttpResponseStatus.BAD_GATEWAY.code());
        abortShadow();
        finished = true;
        front.exchangeFinished(this, false);
        ctx.close();
    }

    private void timedOut() {
        if (responseStarted || finished) {
            return;
        }
        backendFailed("no response within " + decision.backend().responseTimeoutMs() + " ms");
        closeBackend();
        fail(HttpResponseStatus.GATEWAY_TIMEOUT, "backend " + decision.backend().name() + " did not answer within "
                + decision.backend().responseTimeoutMs() + " ms");
    }

    void clientClosed() {
        finished = true;
        releaseForwardedHead();
        cancelTimeout();
        abortShadow();
        if (pending != null) {
            pending.forEach(BodyPart::release);
            pending.clear();
        }
        if (!responseDone) {
            closeBackend();
        }
    }

    private void local(HttpResponseStatus code, String message) {
        boolean keepAlive = clientKeepAlive && requestFraming == RequestHead.Framing.NONE;
        responseStarted = true;
        responseDone = true;
        status = code.code();
        if (decision.route() != null) {
            record(status);
        }
        writeError(code, message, keepAlive);
        clientKeepAlive = keepAlive;
    }

    private void fail(HttpResponseStatus code, String message) {
        if (responseStarted || finished) {
            return;
        }
        releaseForwardedHead();
        closeBackend();
        abortShadow();
        responseStarted = true;
        responseDone = true;
        status = code.code();
        record(status);
        clientKeepAlive = clientKeepAlive && requestDone;
        writeError(code, message, clientKeepAlive);
        if (pending != null) {
            pending.forEach(BodyPart::release);
            pending.clear();
        }
        if (requestDone) {
            finish(clientKeepAlive);
        }
    }

    private void writeError(HttpResponseStatus code, String message, boolean keepAlive) {
        BackendSpec target = decision.backend();
        FullHttpResponse response = ErrorResponses.create(ctx.alloc(), code, message,
                decision.route() == null ? null : decision.route().spec().id(),
                target == null ? null : target.name(), !keepAlive);
        ctx.pipeline().get(HeadAwareResponseEncoder.class).headRequest(head);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void finish(boolean keepAlive) {
        if (finished) {
            return;
        }
        finished = true;
        front.exchangeFinished(this, keepAlive);
    }

    private void switchProtocols(ResponseHead head) {
        Channel peer = backend;
        backend = null;
        finished = true;
        responseDone = true;
        record(101);
        peer.pipeline().get(BackendHandler.class).lease(null);
        out.writeAndFlush(head.verbatim(ctx.alloc())).addListener(f -> {
            if (!f.isSuccess()) {
                peer.close();
                return;
            }
            ChannelPipeline client = ctx.pipeline();
            client.addLast("relay", new Relay(peer));
            client.remove(FrontendHandler.class);
            client.remove(HeadAwareResponseEncoder.class);
            client.remove(RequestFramer.class);
            if (client.get("idle") != null) {
                client.remove("idle");
            }
            client.channel().config().setAutoRead(true);
            client.channel().closeFuture().addListener(c -> front.context().stats().clientConnections.decrementAndGet());
            peer.closeFuture().addListener(c -> client.channel().close());
        });
        ChannelPipeline server = peer.pipeline();
        server.addLast("relay", new Relay(ctx.channel()));
        server.remove(BackendHandler.class);
        // the framer hands the bytes it holds past the 101 to the relay as it goes
        server.remove("framer");
        front.exchangeFinished(this, false);
    }

    private void record(int code) {
        if (decision.route() != null) {
            decision.route().runtime().record(decision.side(), code, System.nanoTime() - startNanos);
        }
    }

    private void backendFailed(String cause) {
        if (front.context().engine().health(decision.backend().name()).failure()) {
            front.context().observer().backendEjected(decision.backend().name(), cause);
        }
    }

    private void closeBackend() {
        if (backend != null) {
            Channel channel = backend;
            backend = null;
            channel.pipeline().get(BackendHandler.class).lease(null);
            channel.close();
        }
    }

    private void releaseForwardedHead() {
        if (forwardedHead != null) {
            forwardedHead.release();
            forwardedHead = null;
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private void abortShadow() {
        if (shadow != null) {
            shadow.abort();
            shadow = null;
        }
    }

    private String path() {
        String uri = this.uri;
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
