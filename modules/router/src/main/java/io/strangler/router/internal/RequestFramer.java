package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits what a client sends into {@link RequestHead}s and {@link BodyPart}s: heads are parsed in place, bodies are
 * forwarded as slices of the bytes read (chunked framing included), following only their framing to find where each
 * request ends. A request that cannot be framed safely yields a {@link Failure} and everything after it is discarded:
 * the proxy answers it and closes the connection.
 */
final class RequestFramer extends ByteToMessageDecoder {

    /** The client sent something that is not a well-framed request. */
    record Failure(boolean headTooLarge, String reason) {
    }

    private enum State { HEAD, BODY, FAILED }

    private final int maxHeadBytes;
    private State state = State.HEAD;
    private final BodySlicer body = new BodySlicer();

    RequestFramer(int maxHeadBytes) {
        this.maxHeadBytes = maxHeadBytes;
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
                    case FAILED -> in.skipBytes(in.readableBytes());
                    default -> throw new IllegalStateException(state.name());
                }
            }
        } catch (MalformedMessageException e) {
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            out.add(new Failure(e.headTooLarge(), e.getMessage()));
        }
    }

    private boolean head(ByteBuf in, List<Object> out) throws MalformedMessageException {
        FieldLines.skipEmptyLines(in);
        int end = FieldLines.endOfHead(in, maxHeadBytes, "request");
        if (end < 0) {
            return false;
        }
        RequestHead head = RequestHead.parse(in.readRetainedSlice(end - in.readerIndex()));
        out.add(head);
        switch (head.framing()) {
            case NONE -> out.add(BodyPart.EMPTY_LAST);
            case CONTENT_LENGTH -> {
                body.fixed(head.contentLength());
                state = State.BODY;
            }
            case CHUNKED -> {
                body.chunked(false);
                state = State.BODY;
            }
            default -> throw new IllegalStateException(head.framing().name());
        }
        return true;
    }
}
