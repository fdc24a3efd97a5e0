package io.strangler.router.perf;

import io.netty.buffer.ByteBuf;

/**
 * Finds where HTTP/1.1 messages end in a byte stream without decoding them into objects: the head up to its empty
 * line, then Content-Length bytes of body. The benchmark's load generator and backend use it instead of Netty's HTTP
 * codec so that, in steady state, they allocate nothing and their own garbage collections cannot show up as proxy
 * latency. Chunked bodies are refused (nothing in the benchmark sends them).
 */
final class MessageScanner {

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final byte[] line = new byte[8192];
    private int lineLength;
    private boolean inBody;
    private long contentLength;
    private long bodyLeft;

    /** Consumes all of {@code in}; returns how many messages ended in it. */
    int feed(ByteBuf in) {
        int ended = 0;
        while (in.isReadable()) {
            if (inBody) {
                int skip = (int) Math.min(bodyLeft, in.readableBytes());
                in.skipBytes(skip);
                bodyLeft -= skip;
                if (bodyLeft == 0) {
                    inBody = false;
                    ended++;
                }
                continue;
            }
            byte b = in.readByte();
            if (b != '\n') {
                if (lineLength == line.length) {
                    throw new IllegalStateException("header line longer than " + line.length + " bytes");
                }
                line[lineLength++] = b;
                continue;
            }
            int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
            lineLength = 0;
            if (length > 0) {
                header(length);
            } else if (contentLength > 0) {
                inBody = true;
                bodyLeft = contentLength;
                contentLength = 0;
            } else {
                ended++;
            }
        }
        return ended;
    }

    private void header(int length) {
        if (startsWith(length, CONTENT_LENGTH)) {
            long value = 0;
            for (int i = CONTENT_LENGTH.length; i < length; i++) {
                byte c = line[i];
                if (c >= '0' && c <= '9') {
                    value = value * 10 + (c - '0');
                }
            }
            contentLength = value;
        } else if (startsWith(length, TRANSFER_ENCODING)) {
            throw new IllegalStateException("the benchmark's scanner reads Content-Length bodies only");
        }
    }

    private boolean startsWith(int length, byte[] lowerCaseName) {
        if (length < lowerCaseName.length) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length; i++) {
            byte c = line[i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerCaseName[i]) {
                return false;
            }
        }
        return true;
    }
}
