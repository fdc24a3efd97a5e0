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

    private enum State { HEAD, CONTENT_LENGTH, CHUNKED, UNTIL_CLOSE, SWITCHED, FAILED }

    private final int maxHeadBytes;
    private State state = State.HEAD;
    private boolean headRequest;
    private long remaining;
    private ChunkedScanner chunks;

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
                    case CONTENT_LENGTH -> {
                        int n = (int) Math.min(remaining, in.readableBytes());
                        remaining -= n;
                        boolean last = remaining == 0;
                        out.add(new BodyPart(in.readRetainedSlice(n), last));
                        if (last) {
                            state = State.HEAD;
                        }
                    }
                    case CHUNKED -> {
                        int end = chunks.scan(in, in.readerIndex(), in.writerIndex(), null);
                        int length = (end < 0 ? in.writerIndex() : end) - in.readerIndex();
                        out.add(new BodyPart(in.readRetainedSlice(length), end >= 0));
                        if (end >= 0) {
                            chunks = null;
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
                remaining = head.contentLength();
                state = State.CONTENT_LENGTH;
            }
            case CHUNKED -> {
                chunks = new ChunkedScanner(true);
                state = State.CHUNKED;
            }
            case UNTIL_CLOSE -> state = State.UNTIL_CLOSE;
            default -> throw new IllegalStateException(head.framing().name());
        }
        return true;
    }
}
