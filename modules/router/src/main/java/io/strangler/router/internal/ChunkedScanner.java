package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;

/**
 * The chunked transfer coding (RFC 9112 §7.1) as a state machine over bytes that are forwarded as they arrive: it tells
 * where a chunked body ends without copying it, and when given a sink hands over the data without the framing (for an
 * HTTP/1.0 client, which cannot read chunks, and for shadow copies). One instance per body. Bare LF line ends are
 * accepted in responses, as RFC 9112 §2.2 allows a recipient to, but not in requests: the backend behind the proxy may
 * not accept them, and two readings of where a request ends is how requests are smuggled.
 */
final class ChunkedScanner {

    /** Receives the data of the chunks, in order: {@code length} bytes of {@code buf} from {@code index}. */
    interface DataSink {
        void data(ByteBuf buf, int index, int length);
    }

    private static final int MAX_LINE = 8192;
    /** 15 hex digits: a size up to 2^60, beyond any real body and far from overflowing a long. */
    private static final int MAX_SIZE_DIGITS = 15;

    private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER, TRAILER_LF, DONE }

    private final boolean bareLineFeeds;
    private State state = State.SIZE;
    private boolean afterCr;
    private long size;
    private int digits;
    private int lineLength;
    private long remaining;

    /** @param bareLineFeeds whether a line may end with LF alone */
    ChunkedScanner(boolean bareLineFeeds) {
        this.bareLineFeeds = bareLineFeeds;
    }

    /**
     * Scans {@code buf} from {@code from} to {@code to} (exclusive).
     *
     * @return the index just past the body's last byte, or -1 when the body goes on beyond {@code to}
     * @throws MalformedMessageException when the bytes are not a chunked body
     */
    int scan(ByteBuf buf, int from, int to, DataSink sink) throws MalformedMessageException {
        int i = from;
        while (i < to) {
            if (state == State.DATA) {
                int n = (int) Math.min(remaining, to - i);
                if (sink != null) {
                    sink.data(buf, i, n);
                }
                i += n;
                remaining -= n;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
                continue;
            }
            byte b = buf.getByte(i++);
            switch (state) {
                case SIZE -> size(b);
                case EXTENSION -> {
                    if (b == '\n') {
                        bareLineFeed("chunk extension");
                        endOfSizeLine();
                    } else if (b == '\r') {
                        state = State.SIZE_LF;
                    } else {
                        countLine("chunk extension");
                    }
                }
                case SIZE_LF -> {
                    expect(b, '\n', "chunk size line");
                    endOfSizeLine();
                }
                case DATA_CR -> {
                    if (b == '\n') {
                        bareLineFeed("chunk data");
                        nextChunk();
                    } else {
                        expect(b, '\r', "chunk data");
                        state = State.DATA_LF;
                    }
                }
                case DATA_LF -> {
                    expect(b, '\n', "chunk data");
                    nextChunk();
                }
                case TRAILER_START -> {
                    if (b == '\n') {
                        bareLineFeed("chunked body's last line");
                        state = State.DONE;
                        return i;
                    }
                    lineLength = 0;
                    afterCr = false;
                    state = b == '\r' ? State.TRAILER_LF : State.TRAILER;
                }
                case TRAILER -> {
                    if (b == '\n') {
                        if (!afterCr) {
                            bareLineFeed("trailer field");
                        }
                        state = State.TRAILER_START;
                    } else {
                        afterCr = b == '\r';
                        countLine("trailer field");
                    }
                }
                case TRAILER_LF -> {
                    expect(b, '\n', "chunked body's last line");
                    state = State.DONE;
                    return i;
                }
                case DONE -> throw new IllegalStateException("the chunked body has already ended");
                default -> throw new IllegalStateException(state.name());
            }
        }
        return -1;
    }

    private void size(byte b) throws MalformedMessageException {
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
            if (++digits > MAX_SIZE_DIGITS) {
                throw new MalformedMessageException("chunk size has more than " + MAX_SIZE_DIGITS + " hex digits");
            }
            size = size * 16 + digit;
            return;
        }
        if (digits == 0) {
            throw new MalformedMessageException("chunk size expected, found " + FieldLines.describe(b));
        }
        if (b == ';' || b == ' ' || b == '\t') {
            lineLength = digits;
            state = State.EXTENSION;
        } else if (b == '\r') {
            state = State.SIZE_LF;
        } else if (b == '\n') {
            bareLineFeed("chunk size");
            endOfSizeLine();
        } else {
            throw new MalformedMessageException("invalid character " + FieldLines.describe(b) + " in a chunk size");
        }
    }

    private void bareLineFeed(String after) throws MalformedMessageException {
        if (!bareLineFeeds) {
            throw new MalformedMessageException("bare LF without CR after the " + after);
        }
    }

    private void endOfSizeLine() {
        if (size == 0) {
            state = State.TRAILER_START;
        } else {
            remaining = size;
            state = State.DATA;
        }
    }

    private void nextChunk() {
        size = 0;
        digits = 0;
        state = State.SIZE;
    }

    private void countLine(String what) throws MalformedMessageException {
        if (++lineLength > MAX_LINE) {
            throw new MalformedMessageException(what + " longer than " + MAX_LINE + " bytes");
        }
    }

    private static void expect(byte b, char expected, String after) throws MalformedMessageException {
        if (b != expected) {
            throw new MalformedMessageException("line end expected after the " + after + ", found " + FieldLines.describe(b));
        }
    }
}
