package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;

/**
 * The chunked transfer coding (RFC 9112 §7.1) as a state machine over bytes that are forwarded as they arrive: it tells
 * where a chunked body ends without copying it, and when given a sink hands over the data without the framing (for an
 * HTTP/1.0 client, which cannot read chunks, and for shadow copies). One instance per body; bare LF line ends are
 * accepted as RFC 9112 §2.2 allows a recipient to.
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

    private State state = State.SIZE;
    private long size;
    private int digits;
    private int lineLength;
    private long remaining;

    /**
     * Scans {@code buf} from {@code from} to {@code to} (exclusive).
     *
     * @return the index just past the body's last byte, or -1 when the body goes on beyond {@code to}
     * @throws MalformedResponseException when the bytes are not a chunked body
     */
    int scan(ByteBuf buf, int from, int to, DataSink sink) throws MalformedResponseException {
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
                        state = State.DONE;
                        return i;
                    }
                    lineLength = 0;
                    state = b == '\r' ? State.TRAILER_LF : State.TRAILER;
                }
                case TRAILER -> {
                    if (b == '\n') {
                        state = State.TRAILER_START;
                    } else {
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

    private void size(byte b) throws MalformedResponseException {
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
            if (++digits > MAX_SIZE_DIGITS) {
                throw new MalformedResponseException("chunk size has more than " + MAX_SIZE_DIGITS + " hex digits");
            }
            size = size * 16 + digit;
            return;
        }
        if (digits == 0) {
            throw new MalformedResponseException("chunk size expected, found " + describe(b));
        }
        if (b == ';' || b == ' ' || b == '\t') {
            lineLength = digits;
            state = State.EXTENSION;
        } else if (b == '\r') {
            state = State.SIZE_LF;
        } else if (b == '\n') {
            endOfSizeLine();
        } else {
            throw new MalformedResponseException("invalid character " + describe(b) + " in a chunk size");
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

    private void countLine(String what) throws MalformedResponseException {
        if (++lineLength > MAX_LINE) {
            throw new MalformedResponseException(what + " longer than " + MAX_LINE + " bytes");
        }
    }

    private static void expect(byte b, char expected, String after) throws MalformedResponseException {
        if (b != expected) {
            throw new MalformedResponseException("line end expected after the " + after + ", found " + describe(b));
        }
    }

    static String describe(byte b) {
        return b >= 0x21 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xff);
    }
}
