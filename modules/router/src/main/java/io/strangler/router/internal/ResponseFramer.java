package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits what a backend sends into {@link ResponseHead}s and {@link BodyPart}s without decoding bodies: a body is
 * forwarded as slices of the bytes read, and only its framing (Content-Length, chunks, connection close) is followed
 * to find where it ends. Interim 1xx responses are dropped (the proxy answers Expect: 100-continue itself); after a 101
 * the bytes belong to the switched protocol and stay here until this handler is removed, which hands them on.
 * A response that cannot be framed safely yields a {@link Failure} and everything after it is discarded.
 */
final class ResponseFramer extends ByteToMessageDecoder {

    /** The backend sent something that is not a well-framed response; the connection is unusable. */
    record Failure(String reason) {
    }

    private enum State { HEAD, BODY, UNTIL_CLOSE, SWITCHED, FAILED }

    private final int maxHeadBytes;
    private State state = State.HEAD;
    private boolean headRequest;
    private final BodySlicer body = new BodySlicer();

    ResponseFramer(int maxHeadBytes) {
        this.maxHeadBytes = maxHeadBytes;
    }

    /** The next response answers a HEAD request: it has no body whatever its fields say. */
    void expectResponseTo(boolean head) {
        this.headRequest = head;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            while (in.isReadable()) {
                switch (state) {
                    case HEAD -> {
                        if (!head(in, out)) {
                            return;
                        }
                    }
                    case BODY -> {
                        if (body.next(in, out)) {
                            state = State.HEAD;
                        }
                    }
                    case UNTIL_CLOSE -> out.add(new BodyPart(in.readRetainedSlice(in.readableBytes()), false));
                    case SWITCHED -> {
                        return;
                    }
                    case FAILED -> in.skipBytes(in.readableBytes());
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (MalformedMessageException e) {
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            out.add(new Failure(e.getMessage()));
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (state == State.UNTIL_CLOSE) {
            state = State.HEAD;
            out.add(BodyPart.EMPTY_LAST);
        }
    }

    private boolean head(ByteBuf in, List<Object> out) throws MalformedMessageException {
        FieldLines.skipEmptyLines(in);
        int end = FieldLines.endOfHead(in, maxHeadBytes, "response");
        if (end < 0) {
            return false;
        }
        ResponseHead head = ResponseHead.parse(in.readRetainedSlice(end - in.readerIndex()), headRequest);
        int status = head.status();
        if (status < 200 && status != 101) {
            head.release();
            return true;
        }
        out.add(head);
        if (status == 101) {
            state = State.SWITCHED;
            return false;
        }
        switch (head.framing()) {
            case NONE -> out.add(BodyPart.EMPTY_LAST);
            case CONTENT_LENGTH -> {
                body.fixed(head.contentLength());
                state = State.BODY;
            }
            case CHUNKED -> {
                body.chunked(true);
                state = State.BODY;
            }
            case UNTIL_CLOSE -> state = State.UNTIL_CLOSE;
            default -> throw new IllegalStateException(head.framing().name());
        }
        return true;
    }
}
