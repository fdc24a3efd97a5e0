package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A backend response's head, parsed in place and forwarded as the bytes it came as: only the status line's version and
 * the hop-by-hop fields change, and the proxy's own fields are appended. Parsing once and copying the rest is what
 * keeps the proxy's work per response near a memcpy instead of Netty's decode into objects and re-encode. Strict where
 * a lenient reading would let the client and the proxy disagree on the message: an obs-fold, a control character in a
 * field, both Content-Length and Transfer-Encoding, or conflicting lengths make the response malformed (502).
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
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");
    private static final AsciiString CONNECTION = AsciiString.cached("connection");
    private static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString PROXY_AUTHENTICATE = AsciiString.cached("proxy-authenticate");
    private static final AsciiString PROXY_AUTHORIZATION = AsciiString.cached("proxy-authorization");
    private static final AsciiString TE = AsciiString.cached("te");
    private static final AsciiString TRAILER = AsciiString.cached("trailer");
    private static final AsciiString UPGRADE = AsciiString.cached("upgrade");

    private final int status;
    private final boolean http10;
    private final int statusLineEnd;
    private final int lines;
    private final int[] lineStart;
    private final int[] lineEnd;
    private final int[] nameEnd;
    private final boolean[] drop;
    private final boolean[] transferEncoding;
    /** From the first field line to past the last one's line end, when it can be copied in one piece. */
    private final int fieldsStart;
    private final int fieldsEnd;
    private final boolean contiguous;
    private final boolean chunkedFraming;
    private final Framing framing;
    private final long contentLength;
    private final boolean keepAlive;

    private ResponseHead(ByteBuf bytes, Parser p, Framing framing) {
        super(bytes);
        this.status = p.status;
        this.http10 = p.http10;
        this.statusLineEnd = p.statusLineEnd;
        this.lines = p.lines;
        this.lineStart = p.lineStart;
        this.lineEnd = p.lineEnd;
        this.nameEnd = p.nameEnd;
        this.drop = p.drop;
        this.transferEncoding = p.te;
        this.fieldsStart = p.fieldsStart;
        this.fieldsEnd = p.fieldsEnd;
        this.contiguous = p.allCrlf && !p.anyDrop;
        this.chunkedFraming = p.chunked;
        this.framing = framing;
        this.contentLength = p.contentLength;
        this.keepAlive = framing != Framing.UNTIL_CLOSE && (http10 ? p.keepAliveToken : !p.close);
    }

    /**
     * Where the head that starts at {@code in}'s reader index ends (just past its empty line), or -1 if it has not all
     * arrived.
     *
     * @throws MalformedResponseException when {@code maxBytes} arrived without the head's end
     */
    static int findEnd(ByteBuf in, int maxBytes) throws MalformedResponseException {
        int start = in.readerIndex();
        int limit = Math.min(in.writerIndex(), start + maxBytes);
        int from = start;
        while (true) {
            int lf = in.indexOf(from, limit, (byte) '\n');
            if (lf < 0) {
                if (in.writerIndex() - start >= maxBytes) {
                    throw new MalformedResponseException("response head larger than " + maxBytes + " bytes");
                }
                return -1;
            }
            if (lf > start && (in.getByte(lf - 1) == '\n'
                    || in.getByte(lf - 1) == '\r' && lf - 1 > start && in.getByte(lf - 2) == '\n')) {
                return lf + 1;
            }
            from = lf + 1;
        }
    }

    /**
     * Parses a complete head.
     *
     * @param bytes       the head, from its status line to past its empty line; owned by the result
     * @param headRequest whether the request was HEAD (then no body follows whatever the fields say)
     */
    static ResponseHead parse(ByteBuf bytes, boolean headRequest) throws MalformedResponseException {
        Parser p = new Parser(bytes);
        try {
            p.parse();
        } catch (MalformedResponseException | RuntimeException e) {
            bytes.release();
            throw e;
        }
        Framing framing;
        if (p.status < 200 || p.status == 204 || p.status == 304 || headRequest) {
            framing = Framing.NONE;
        } else if (p.hasTransferEncoding) {
            framing = p.chunked ? Framing.CHUNKED : Framing.UNTIL_CLOSE;
        } else if (p.contentLength >= 0) {
            framing = p.contentLength == 0 ? Framing.NONE : Framing.CONTENT_LENGTH;
        } else {
            framing = Framing.UNTIL_CLOSE;
        }
        return new ResponseHead(bytes, p, framing);
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
        return chunkedFraming;
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
        if (contiguous && !(dropTransferEncoding && chunkedFraming)) {
            out.writeBytes(head, fieldsStart, fieldsEnd - fieldsStart);
        } else {
            for (int i = 0; i < lines; i++) {
                if (!drop[i] && !(dropTransferEncoding && transferEncoding[i])) {
                    out.writeBytes(head, lineStart[i], lineEnd[i] - lineStart[i]);
                    out.writeShort(CRLF);
                }
            }
        }
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
        ByteBuf head = content();
        HttpHeaders headers = new DefaultHttpHeaders(false);
        for (int i = 0; i < lines; i++) {
            if (!drop[i]) {
                String name = head.toString(lineStart[i], nameEnd[i] - lineStart[i], StandardCharsets.US_ASCII);
                int value = nameEnd[i] + 1;
                while (value < lineEnd[i] && isWhitespace(head.getByte(value))) {
                    value++;
                }
                int end = lineEnd[i];
                while (end > value && isWhitespace(head.getByte(end - 1))) {
                    end--;
                }
                headers.add(name, head.toString(value, end - value, StandardCharsets.ISO_8859_1));
            }
        }
        return headers;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** One pass over the head's bytes; holds the parse state so that the head itself stays immutable. */
    private static final class Parser {
        private final ByteBuf h;
        private final int length;
        int status;
        boolean http10;
        int statusLineEnd;
        int lines;
        int[] lineStart = new int[16];
        int[] lineEnd = new int[16];
        int[] nameEnd = new int[16];
        boolean[] drop = new boolean[16];
        boolean[] te = new boolean[16];
        int fieldsStart;
        int fieldsEnd;
        boolean allCrlf = true;
        boolean anyDrop;
        boolean hasTransferEncoding;
        boolean chunked;
        long contentLength = -1;
        boolean close;
        boolean keepAliveToken;
        List<String> connectionNames;

        Parser(ByteBuf h) {
            this.h = h;
            this.length = h.readableBytes();
        }

        void parse() throws MalformedResponseException {
            int lf = h.indexOf(0, length, (byte) '\n');
            statusLineEnd = lf > 0 && h.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            statusLine();
            int at = lf + 1;
            fieldsStart = at;
            while (true) {
                int next = h.indexOf(at, length, (byte) '\n');
                boolean crlf = next > at && h.getByte(next - 1) == '\r';
                int end = crlf ? next - 1 : next;
                if (end == at) {
                    fieldsEnd = at;
                    break;
                }
                allCrlf &= crlf;
                field(at, end);
                at = next + 1;
            }
            if (connectionNames != null) {
                dropNamedByConnection();
            }
        }

        private void statusLine() throws MalformedResponseException {
            int end = statusLineEnd;
            boolean versionOk = end >= 12 && h.getByte(0) == 'H' && h.getByte(1) == 'T' && h.getByte(2) == 'T'
                    && h.getByte(3) == 'P' && h.getByte(4) == '/' && h.getByte(5) == '1' && h.getByte(6) == '.'
                    && (h.getByte(7) == '0' || h.getByte(7) == '1') && h.getByte(8) == ' ';
            if (!versionOk) {
                throw new MalformedResponseException("status line is not HTTP/1.0 or HTTP/1.1: '"
                        + printable(0, Math.min(end, 40)) + "'");
            }
            http10 = h.getByte(7) == '0';
            int code = 0;
            for (int i = 9; i < 12; i++) {
                byte b = h.getByte(i);
                if (b < '0' || b > '9') {
                    throw new MalformedResponseException("status code is not 3 digits: '" + printable(0, end) + "'");
                }
                code = code * 10 + (b - '0');
            }
            if (code < 100 || end > 12 && h.getByte(12) != ' ') {
                throw new MalformedResponseException("invalid status line '" + printable(0, end) + "'");
            }
            checkText(13, end, "status line");
            status = code;
        }

        private void field(int start, int end) throws MalformedResponseException {
            byte first = h.getByte(start);
            if (first == ' ' || first == '\t') {
                throw new MalformedResponseException("obsolete line folding in the response's fields");
            }
            int colon = -1;
            for (int i = start; i < end; i++) {
                byte b = h.getByte(i);
                if (b == ':') {
                    colon = i;
                    break;
                }
                if (!isTokenChar(b)) {
                    throw new MalformedResponseException("invalid character " + ChunkedScanner.describe(b)
                            + " in a field name of the response");
                }
            }
            if (colon <= start) {
                throw new MalformedResponseException("field line without a name and colon: '"
                        + printable(start, end) + "'");
            }
            checkText(colon + 1, end, "field '" + printable(start, colon) + "'");
            int i = add(start, end, colon);
            switch (colon - start) {
                case 2 -> hopByHop(i, TE);
                case 7 -> {
                    hopByHop(i, TRAILER);
                    if (status != 101) {
                        hopByHop(i, UPGRADE);
                    }
                }
                case 10 -> {
                    if (is(start, colon, CONNECTION)) {
                        markDrop(i);
                        connection(colon + 1, end);
                    } else {
                        hopByHop(i, KEEP_ALIVE);
                    }
                }
                case 14 -> {
                    if (is(start, colon, CONTENT_LENGTH)) {
                        contentLength(colon + 1, end);
                    }
                }
                case 16 -> hopByHop(i, PROXY_CONNECTION);
                case 17 -> {
                    if (is(start, colon, TRANSFER_ENCODING)) {
                        te[i] = true;
                        transferEncoding(colon + 1, end);
                    }
                }
                case 18 -> hopByHop(i, PROXY_AUTHENTICATE);
                case 19 -> hopByHop(i, PROXY_AUTHORIZATION);
                default -> {
                }
            }
            if (hasTransferEncoding && contentLength >= 0) {
                throw new MalformedResponseException("both Transfer-Encoding and Content-Length are present");
            }
        }

        private int add(int start, int end, int colon) {
            if (lines == lineStart.length) {
                int size = lines * 2;
                lineStart = Arrays.copyOf(lineStart, size);
                lineEnd = Arrays.copyOf(lineEnd, size);
                nameEnd = Arrays.copyOf(nameEnd, size);
                drop = Arrays.copyOf(drop, size);
                te = Arrays.copyOf(te, size);
            }
            lineStart[lines] = start;
            lineEnd[lines] = end;
            nameEnd[lines] = colon;
            return lines++;
        }

        private void hopByHop(int line, AsciiString name) {
            if (is(lineStart[line], nameEnd[line], name)) {
                markDrop(line);
            }
        }

        private void markDrop(int line) {
            drop[line] = true;
            anyDrop = true;
        }

        private void contentLength(int from, int to) throws MalformedResponseException {
            long value = 0;
            int digits = 0;
            for (int i = from; i < to; i++) {
                byte b = h.getByte(i);
                if (b >= '0' && b <= '9') {
                    if (++digits > 18) {
                        throw new MalformedResponseException("Content-Length too large");
                    }
                    value = value * 10 + (b - '0');
                } else if (!isWhitespace(b)) {
                    throw new MalformedResponseException("invalid Content-Length '" + printable(from, to).trim() + "'");
                }
            }
            if (digits == 0) {
                throw new MalformedResponseException("empty Content-Length");
            }
            if (contentLength >= 0 && contentLength != value) {
                throw new MalformedResponseException("conflicting Content-Length values " + contentLength + " and "
                        + value);
            }
            contentLength = value;
        }

        private void transferEncoding(int from, int to) {
            hasTransferEncoding = true;
            String last = lastToken(from, to);
            // the last coding decides the framing; a later field's codings come after an earlier one's
            chunked = last.equalsIgnoreCase("chunked");
        }

        private String lastToken(int from, int to) {
            String value = h.toString(from, to - from, StandardCharsets.US_ASCII);
            int comma = value.lastIndexOf(',');
            return (comma < 0 ? value : value.substring(comma + 1)).trim();
        }

        private void connection(int from, int to) {
            for (String token : h.toString(from, to - from, StandardCharsets.US_ASCII).split(",")) {
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
                        if (connectionNames == null) {
                            connectionNames = new ArrayList<>(2);
                        }
                        connectionNames.add(name);
                    }
                }
            }
        }

        private void dropNamedByConnection() {
            for (int i = 0; i < lines; i++) {
                for (String name : connectionNames) {
                    if (is(lineStart[i], nameEnd[i], AsciiString.of(name))) {
                        markDrop(i);
                    }
                }
            }
        }

        private boolean is(int from, int to, AsciiString name) {
            if (to - from != name.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                byte b = h.getByte(from + i);
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != name.byteAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Field values and the reason phrase: visible characters, spaces, tabs and obs-text, nothing else. */
        private void checkText(int from, int to, String where) throws MalformedResponseException {
            for (int i = from; i < to; i++) {
                byte b = h.getByte(i);
                if (b >= 0 && b < 0x20 && b != '\t' || b == 0x7f) {
                    throw new MalformedResponseException("control character " + ChunkedScanner.describe(b) + " in the "
                            + where + " of the response");
                }
            }
        }

        private String printable(int from, int to) {
            StringBuilder text = new StringBuilder();
            for (int i = from; i < to && i < length; i++) {
                byte b = h.getByte(i);
                text.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
            }
            return text.toString();
        }

        private static boolean isTokenChar(byte b) {
            return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '!' || b == '#'
                    || b == '$' || b == '%' || b == '&' || b == '\'' || b == '*' || b == '+' || b == '-' || b == '.'
                    || b == '^' || b == '_' || b == '`' || b == '|' || b == '~';
        }
    }
}
