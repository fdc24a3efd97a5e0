package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A backend response's head, parsed in place and forwarded as the bytes it came as: only the status line's version and
 * the hop-by-hop fields change, and the proxy's own fields are appended. Parsing once and copying the rest keeps the
 * proxy's work per response near a memcpy instead of a decode into objects and a re-encode. Besides the checks of
 * {@link FieldLines}, both Content-Length and Transfer-Encoding, or conflicting lengths, make it malformed (502).
 */
final class ResponseHead extends DefaultByteBufHolder {

    /** How the body after this head is delimited. */
    enum Framing {
        /** No body: 1xx, 204, 304, an answer to HEAD, or Content-Length: 0. */
        NONE,
        CONTENT_LENGTH,
        CHUNKED,
        /** Until the backend closes the connection. */
        UNTIL_CLOSE
    }

    private static final byte[] HTTP_1_1 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
    private static final short CRLF = ('\r' << 8) | '\n';

    private final int status;
    private final int statusLineEnd;
    private final FieldLines fields;
    private final boolean chunked;
    private final Framing framing;
    private final long contentLength;
    private final boolean keepAlive;

    private ResponseHead(ByteBuf bytes, int status, int statusLineEnd, FieldLines fields, Semantics semantics,
            Framing framing, boolean http10) {
        super(bytes);
        this.status = status;
        this.statusLineEnd = statusLineEnd;
        this.fields = fields;
        this.chunked = semantics.chunked;
        this.framing = framing;
        this.contentLength = semantics.contentLength;
        this.keepAlive = framing != Framing.UNTIL_CLOSE && (http10 ? semantics.keepAliveToken : !semantics.close);
    }

    /**
     * Parses a complete head.
     *
     * @param bytes       the head, from its status line to past its empty line; owned by the result
     * @param headRequest whether the request was HEAD (then no body follows whatever the fields say)
     */
    static ResponseHead parse(ByteBuf bytes, boolean headRequest) throws MalformedMessageException {
        try {
            byte[] b = FieldLines.copy(bytes);
            int lf = FieldLines.indexOf(b, 0, b.length, (byte) '\n');
            int statusLineEnd = lf > 0 && b[lf - 1] == '\r' ? lf - 1 : lf;
            int status = status(bytes, b, statusLineEnd);
            FieldLines fields = FieldLines.parse(bytes, b, lf + 1, "response");
            Semantics semantics = new Semantics(fields, status);
            Framing framing;
            if (status < 200 || status == 204 || status == 304 || headRequest) {
                framing = Framing.NONE;
            } else if (semantics.hasTransferEncoding) {
                framing = semantics.chunked ? Framing.CHUNKED : Framing.UNTIL_CLOSE;
            } else if (semantics.contentLength >= 0) {
                framing = semantics.contentLength == 0 ? Framing.NONE : Framing.CONTENT_LENGTH;
            } else {
                framing = Framing.UNTIL_CLOSE;
            }
            return new ResponseHead(bytes, status, statusLineEnd, fields, semantics, framing, b[7] == '0');
        } catch (MalformedMessageException | RuntimeException e) {
            bytes.release();
            throw e;
        }
    }

    private static int status(ByteBuf head, byte[] h, int end) throws MalformedMessageException {
        boolean versionOk = end >= 12 && h[0] == 'H' && h[1] == 'T' && h[2] == 'T' && h[3] == 'P' && h[4] == '/'
                && h[5] == '1' && h[6] == '.' && (h[7] == '0' || h[7] == '1') && h[8] == ' ';
        if (!versionOk) {
            throw new MalformedMessageException("status line is not HTTP/1.0 or HTTP/1.1: '"
                    + FieldLines.printable(head, 0, Math.min(end, 40)) + "'");
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            byte b = h[i];
            if (b < '0' || b > '9') {
                throw new MalformedMessageException("status code is not 3 digits: '"
                        + FieldLines.printable(head, 0, end) + "'");
            }
            code = code * 10 + (b - '0');
        }
        if (code < 100 || end > 12 && h[12] != ' ') {
            throw new MalformedMessageException("invalid status line '" + FieldLines.printable(head, 0, end) + "'");
        }
        FieldLines.checkText(head, 13, end, "status line");
        return code;
    }

    int status() {
        return status;
    }

    Framing framing() {
        return framing;
    }

    long contentLength() {
        return contentLength;
    }

    /** Whether the backend connection can carry another exchange after this response. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** Whether the body is chunked on the wire (it may still be empty, e.g. for HEAD). */
    boolean chunked() {
        return chunked;
    }

    /**
     * The head as the client gets it: HTTP/1.1, the backend's fields without the hop-by-hop ones, then the proxy's.
     *
     * @param dropTransferEncoding for a client that cannot read chunks (the body is sent de-chunked)
     * @param setCookie            a Set-Cookie value the proxy adds, or null
     * @param connection           a Connection value the proxy sets, or null
     */
    ByteBuf rewrite(ByteBufAllocator alloc, boolean dropTransferEncoding, String setCookie, String connection) {
        ByteBuf head = content();
        ByteBuf out = alloc.ioBuffer(head.readableBytes() + 32 + (setCookie == null ? 0 : setCookie.length() + 14));
        out.writeBytes(HTTP_1_1);
        out.writeBytes(head, 8, statusLineEnd - 8);
        out.writeShort(CRLF);
        fields.writeKept(out, dropTransferEncoding && chunked ? HeaderNames.TRANSFER_ENCODING : null);
        if (setCookie != null) {
            ByteBufUtil.writeAscii(out, "set-cookie: ");
            ByteBufUtil.writeAscii(out, setCookie);
            out.writeShort(CRLF);
        }
        if (connection != null) {
            ByteBufUtil.writeAscii(out, "connection: ");
            ByteBufUtil.writeAscii(out, connection);
            out.writeShort(CRLF);
        }
        out.writeShort(CRLF);
        return out;
    }

    /** The head exactly as the backend sent it but for the version (a protocol switch keeps Connection and Upgrade). */
    ByteBuf verbatim(ByteBufAllocator alloc) {
        ByteBuf head = content();
        ByteBuf out = alloc.ioBuffer(head.readableBytes());
        out.writeBytes(HTTP_1_1);
        out.writeBytes(head, 8, head.readableBytes() - 8);
        return out;
    }

    /** The end-to-end fields as objects, for a shadow comparison (not on the proxying path). */
    HttpHeaders fields() {
        return fields.toHeaders();
    }

    /** What the fields say about framing and the connection; marks the hop-by-hop lines dropped. */
    private static final class Semantics {
        boolean hasTransferEncoding;
        boolean chunked;
        long contentLength = -1;
        boolean close;
        boolean keepAliveToken;

        Semantics(FieldLines fields, int status) throws MalformedMessageException {
            List<String> named = null;
            for (int i = 0; i < fields.count(); i++) {
                switch (fields.nameLength(i)) {
                    case 2 -> fields.dropIfNamed(i, HeaderNames.TE);
                    case 7 -> {
                        fields.dropIfNamed(i, HeaderNames.TRAILER);
                        if (status != 101) {
                            fields.dropIfNamed(i, HeaderNames.UPGRADE);
                        }
                    }
                    case 10 -> {
                        if (fields.nameIs(i, HeaderNames.CONNECTION)) {
                            fields.drop(i);
                            named = connection(fields.value(i), named);
                        } else {
                            fields.dropIfNamed(i, HeaderNames.KEEP_ALIVE);
                        }
                    }
                    case 14 -> {
                        if (fields.nameIs(i, HeaderNames.CONTENT_LENGTH)) {
                            contentLength = HeaderNames.contentLength(fields.value(i), contentLength);
                        }
                    }
                    case 16 -> fields.dropIfNamed(i, HeaderNames.PROXY_CONNECTION);
                    case 17 -> {
                        if (fields.nameIs(i, HeaderNames.TRANSFER_ENCODING)) {
                            hasTransferEncoding = true;
                            // the last coding decides the framing; a later field's codings come after an earlier one's
                            String value = fields.value(i);
                            int comma = value.lastIndexOf(',');
                            chunked = (comma < 0 ? value : value.substring(comma + 1)).trim()
                                    .equalsIgnoreCase("chunked");
                        }
                    }
                    case 18 -> fields.dropIfNamed(i, HeaderNames.PROXY_AUTHENTICATE);
                    case 19 -> fields.dropIfNamed(i, HeaderNames.PROXY_AUTHORIZATION);
                    default -> {
                    }
                }
            }
            if (hasTransferEncoding && contentLength >= 0) {
                throw new MalformedMessageException("both Transfer-Encoding and Content-Length are present");
            }
            if (named != null) {
                fields.dropNamed(named);
            }
        }

        private List<String> connection(String value, List<String> named) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "" -> {
                    }
                    case "close" -> close = true;
                    case "keep-alive" -> keepAliveToken = true;
                    // the framing fields are never taken away, whatever a backend names in Connection
                    case "transfer-encoding", "content-length" -> {
                    }
                    default -> {
                        named = named == null ? new ArrayList<>(2) : named;
                        named.add(name);
                    }
                }
            }
            return named;
        }
    }
}
