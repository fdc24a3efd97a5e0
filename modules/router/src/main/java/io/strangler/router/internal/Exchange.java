package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.strangler.router.BackendSpec;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request/response exchange through the proxy, streamed both ways. Runs entirely on the client connection's event
 * loop; the backend connection is leased from that loop's pool and returned only after a complete exchange.
 */
final class Exchange implements BackendHandler.Listener {

    private final FrontendHandler front;
    private final ChannelHandlerContext ctx;
    /** Where the response's bytes go: past the client's response encoder. */
    private final ChannelHandlerContext out;
    private final HttpRequest request;
    private final Decision decision;
    private final boolean head;
    private final boolean upgrade;
    /** The client's version: the request goes on as HTTP/1.1, the answer must suit what the client speaks. */
    private final boolean http10;
    private final long startNanos = System.nanoTime();
    private boolean clientKeepAlive;
    private Channel backend;
    private ArrayDeque<HttpContent> pending;
    private ScheduledFuture<?> timeout;
    private ShadowTap shadow;
    /** Decodes a chunked body for an HTTP/1.0 client; null otherwise. */
    private ChunkedScanner dechunk;
    /** Decodes a chunked body for the shadow copy; null otherwise. */
    private ChunkedScanner shadowChunks;
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

    Exchange(FrontendHandler front, HttpRequest request, Decision decision) {
        this.front = front;
        this.ctx = front.ctx();
        this.out = front.rawOut();
        this.request = request;
        this.decision = decision;
        this.head = HttpMethod.HEAD.equals(request.method());
        this.upgrade = ProxyHeaders.isWebSocketUpgrade(request.headers());
        this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
    }

    boolean requestDone() {
        return requestDone;
    }

    void start() {
        if (decision.route() == null) {
            local(HttpResponseStatus.NOT_FOUND, "no route matches " + request.method() + " " + path());
            return;
        }
        if (decision.backend() == null) {
            local(HttpResponseStatus.SERVICE_UNAVAILABLE, "no healthy backend for this route");
            return;
        }
        ProxyHeaders.stripHopByHop(request, upgrade);
        ProxyHeaders.addForwarded(request.headers(), front.clientIp(), front.clientIpv6());
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (decision.shadow() && !upgrade) {
            shadow = front.context().shadows().create(decision, request);
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
        channel.write(request);
        if (pending != null) {
            HttpContent content;
            while ((content = pending.pollFirst()) != null) {
                bodySent |= content.content().isReadable();
                channel.write(content);
            }
        }
        channel.flush();
        timeout = channel.eventLoop().schedule(this::timedOut, decision.backend().responseTimeoutMs(),
                TimeUnit.MILLISECONDS);
        if (!channel.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    void requestContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (shadow != null) {
            shadow.requestContent(content);
        }
        if (responseDone || decision.backend() == null || decision.route() == null) {
            content.release();
        } else if (backend != null) {
            bodySent |= content.content().isReadable();
            backend.write(content);
            needsFlush = true;
            if (!backend.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        } else {
            pending.addLast(content);
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
                dechunk = new ChunkedScanner();
            }
            String connection = !clientKeepAlive ? "close" : http10 ? "keep-alive" : null;
            ByteBuf bytes = head.rewrite(ctx.alloc(), http10 && head.chunked(), decision.setCookie(), connection);
            if (shadow != null) {
                shadow.responseHead(status, head.fields());
                if (framing == ResponseHead.Framing.CHUNKED) {
                    shadowChunks = new ChunkedScanner();
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
            copyToShadow(bytes);
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

    private void copyToShadow(ByteBuf bytes) {
        if (shadowChunks == null) {
            shadow.responseContent(bytes);
        } else {
            ShadowTap tap = shadow;
            scan(shadowChunks, bytes, (buf, index, length) -> tap.responseContent(buf.slice(index, length)));
        }
    }

    /** Bytes the framer has already found to be a well-formed chunked body: decoding them again cannot fail. */
    private static void scan(ChunkedScanner scanner, ByteBuf bytes, ChunkedScanner.DataSink sink) {
        try {
            scanner.scan(bytes, bytes.readerIndex(), bytes.writerIndex(), sink);
        } catch (MalformedResponseException e) {
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
                pending.add(LastHttpContent.EMPTY_LAST_CONTENT);
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
        cancelTimeout();
        abortShadow();
        if (pending != null) {
            pending.forEach(HttpContent::release);
            pending.clear();
        }
        if (!responseDone) {
            closeBackend();
        }
    }

    private void local(HttpResponseStatus code, String message) {
        boolean keepAlive = clientKeepAlive && FrontendHandler.hasNoBody(request);
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
        closeBackend();
        abortShadow();
        responseStarted = true;
        responseDone = true;
        status = code.code();
        record(status);
        clientKeepAlive = clientKeepAlive && requestDone;
        writeError(code, message, clientKeepAlive);
        if (pending != null) {
            pending.forEach(HttpContent::release);
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
        ctx.pipeline().get(HeadAwareResponseEncoder.class).headRequest(false);
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
            client.remove(StrictRequestDecoder.class);
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
        server.remove("encoder");
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
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
