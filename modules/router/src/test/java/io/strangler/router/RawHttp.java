package io.strangler.router;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading HTTP/1.1 answers off a raw socket, for tests that need to see the bytes a client gets. */
final class RawHttp {

    private RawHttp() {
    }

    /** The bytes up to and including {@code end}, as ISO-8859-1 text. */
    static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + bytes.toString(StandardCharsets.ISO_8859_1));
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** A response head, up to and including its empty line. */
    static String readHead(InputStream in) throws IOException {
        return readUntil(in, "\r\n\r\n");
    }

    /** The Content-Length of {@code head}, or -1 when it has none. */
    static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    /** The body that follows {@code head}, by its Content-Length. */
    static String readBody(InputStream in, String head) throws IOException {
        int length = contentLength(head);
        if (length < 0) {
            throw new IOException("no Content-Length in " + head);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
