package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Cuts one message body out of the bytes read, by its framing (a length, or chunks followed with a
 * {@link ChunkedScanner}), as {@link BodyPart}s that are slices of those bytes: nothing is copied or decoded.
 */
final class BodySlicer {

    private long remaining;
    private ChunkedScanner chunks;

    /** The next body has {@code length} bytes (more than 0). */
    void fixed(long length) {
        remaining = length;
        chunks = null;
    }

    /** The next body is chunked; see {@link ChunkedScanner} for {@code bareLineFeeds}. */
    void chunked(boolean bareLineFeeds) {
        chunks = new ChunkedScanner(bareLineFeeds);
    }

    /**
     * Adds the body's bytes that {@code in} holds to {@code out}, as one part.
     *
     * @return whether that part ends the body
     */
    boolean next(ByteBuf in, List<Object> out) throws MalformedMessageException {
        if (chunks == null) {
            int n = (int) Math.min(remaining, in.readableBytes());
            remaining -= n;
            boolean last = remaining == 0;
            out.add(new BodyPart(in.readRetainedSlice(n), last));
            return last;
        }
        int end = chunks.scan(in, in.readerIndex(), in.writerIndex(), null);
        int length = (end < 0 ? in.writerIndex() : end) - in.readerIndex();
        out.add(new BodyPart(in.readRetainedSlice(length), end >= 0));
        if (end >= 0) {
            chunks = null;
        }
        return end >= 0;
    }
}
