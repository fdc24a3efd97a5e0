package io.strangler.router.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A client request's head, parsed in place: what routing needs (method, target, a few fields) is read from the bytes,
 * and the request goes to the backend as those bytes with the hop-by-hop fields taken out and the forwarding fields
 * (X-Forwarded-*, Forwarded) appended. Strict about framing, since a proxy that reads a request's end differently from
 * the backend lets requests be smuggled: Transfer-Encoding must be exactly {@code chunked}, never with
 * Content-Length; lengths must agree; besides the checks of {@link FieldLines}.
 */
final class RequestHead extends DefaultByteBufHolder {

    /** How the body after this head is delimited. */
    enum Framing { NONE, CONTENT_LENGTH, CHUNKED }

    /** What the client's Expect field asks for. */
    enum Expectation { NONE, CONTINUE, UNSUPPORTED }

    private static final byte[] HTTP_1_1 = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final short CRLF = ('\r' << 8) | '\n';

    private final String method;
    private final String uri;
    private final boolean http10;
    /** Index of the space before the version in the request line. */
    private final int versionSpace;
    private final FieldLines fields;
    private final Framing framing;
    private final long contentLength;
    private final boolean keepAlive;
    private final boolean webSocketUpgrade;
    private final Expectation expectation;
    private final String forwardedFor;
    private final String forwarded;
    private final boolean hasForwardedProto;
    private final boolean hasForwardedHost;

    private RequestHead(ByteBuf bytes, String method, String uri, boolean http10, int versionSpace, FieldLines fields,
            Semantics s) {
        super(bytes);
        this.versionSpace = versionSpace;
        this.method = method;
        this.uri = uri;
        this.http10 = http10;
        this.fields = fields;
        this.framing = s.chunked ? Framing.CHUNKED : s.contentLength > 0 ? Framing.CONTENT_LENGTH : Framing.NONE;
        this.contentLength = Math.max(s.contentLength, 0);
        this.keepAlive = http10 ? s.keepAliveToken : !s.close;
        this.webSocketUpgrade = s.webSocketUpgrade;
        this.expectation = s.expectation;
        this.forwardedFor = s.forwardedFor;
        this.forwarded = s.forwarded;
        this.hasForwardedProto = s.hasForwardedProto;
        this.hasForwardedHost = s.hasForwardedHost;
    }

    /**
     * Parses a complete head.
     *
     * @param bytes the head, from its request line to past its empty line; owned by the result
     */
    static RequestHead parse(ByteBuf bytes) throws MalformedMessageException {
        try {
            byte[] b = FieldLines.copy(bytes);
            int lf = FieldLines.indexOf(b, 0, b.length, (byte) '\n');
            int lineEnd = lf > 0 && b[lf - 1] == '\r' ? lf - 1 : lf;
            int space = FieldLines.indexOf(b, 0, lineEnd, (byte) ' ');
            int secondSpace = space < 0 ? -1 : FieldLines.indexOf(b, space + 1, lineEnd, (byte) ' ');
            if (space <= 0 || secondSpace <= space + 1 || lineEnd - secondSpace != 9) {
                throw new MalformedMessageException("invalid request line '"
                        + FieldLines.printable(bytes, 0, Math.min(lineEnd, 80)) + "'");
            }
            for (int i = 0; i < space; i++) {
                if (!FieldLines.isTokenChar(b[i])) {
                    throw new MalformedMessageException("invalid character " + FieldLines.describe(b[i])
                            + " in the request method");
                }
            }
            for (int i = space + 1; i < secondSpace; i++) {
                if (b[i] < 0x21 || b[i] == 0x7f) {
                    throw new MalformedMessageException("invalid character " + FieldLines.describe(b[i])
                            + " in the request target");
                }
            }
            boolean http10 = version(bytes, b, secondSpace + 1);
            FieldLines fields = FieldLines.parse(bytes, b, lf + 1, "request");
            Semantics semantics = new Semantics(fields);
            return new RequestHead(bytes, method(b, space), new String(b, space + 1, secondSpace - space - 1,
                    StandardCharsets.ISO_8859_1), http10, secondSpace, fields, semantics);
        } catch (MalformedMessageException | RuntimeException e) {
            bytes.release();
            throw e;
        }
    }

    /** Whether the version at {@code at} is HTTP/1.0 (else it is HTTP/1.1; anything else is refused). */
    private static boolean version(ByteBuf head, byte[] h, int at) throws MalformedMessageException {
        boolean ok = h[at] == 'H' && h[at + 1] == 'T' && h[at + 2] == 'T' && h[at + 3] == 'P' && h[at + 4] == '/'
                && h[at + 5] == '1' && h[at + 6] == '.' && (h[at + 7] == '0' || h[at + 7] == '1');
        if (!ok) {
            throw new MalformedMessageException("unsupported protocol version '"
                    + FieldLines.printable(head, at, at + 8) + "': HTTP/1.0 and HTTP/1.1 are served");
        }
        return h[at + 7] == '0';
    }

    /** The method, as a shared constant for the common ones. */
    private static String method(byte[] h, int length) {
        if (length == 3 && h[0] == 'G' && h[1] == 'E' && h[2] == 'T') {
            return "GET";
        }
        if (length == 4 && h[0] == 'P' && h[1] == 'O' && h[2] == 'S' && h[3] == 'T') {
            return "POST";
        }
        if (length == 4 && h[0] == 'H' && h[1] == 'E' && h[2] == 'A' && h[3] == 'D') {
            return "HEAD";
        }
        return new String(h, 0, length, StandardCharsets.US_ASCII);
    }

    String method() {
        return method;
    }

    String uri() {
        return uri;
    }

    boolean http10() {
        return http10;
    }

    Framing framing() {
        return framing;
    }

    long contentLength() {
        return contentLength;
    }

    /** Whether the client wants the connection kept after this exchange. */
    boolean keepAlive() {
        return keepAlive;
    }

    boolean webSocketUpgrade() {
        return webSocketUpgrade;
    }

    Expectation expectation() {
        return expectation;
    }

    /** The first value of a field ({@code lowerName} in lower case), or null. */
    String header(AsciiString lowerName) {
        return fields.get(lowerName);
    }

    /** The first value of a field named in configuration (any case), or null. */
    String header(String name) {
        return fields.get(name);
    }

    /** The end-to-end fields as objects (for a shadow copy, not on the proxying path). */
    HttpHeaders fields() {
        return fields.toHeaders();
    }

    /**
     * The head as the backend gets it: HTTP/1.1; the client's fields but the hop-by-hop ones and Expect (the proxy
     * answers 100-continue itself); X-Forwarded-For and Forwarded with the client appended, X-Forwarded-Proto and
     * -Host when the client sent none; for a WebSocket upgrade, Upgrade kept and Connection: upgrade.
     */
    ByteBuf rewrite(ByteBufAllocator alloc, String clientIp, boolean clientIpv6) {
        ByteBuf head = content();
        String host = fields.get(HeaderNames.HOST);
        ByteBuf out = alloc.ioBuffer(head.readableBytes() + 160 + (host == null ? 0 : 2 * host.length()));
        out.writeBytes(head, 0, versionSpace);
        out.writeBytes(HTTP_1_1);
        fields.writeKept(out, null);
        field(out, "x-forwarded-for: ", forwardedFor == null ? clientIp : forwardedFor + ", " + clientIp);
        if (!hasForwardedProto) {
            field(out, "x-forwarded-proto: ", "http");
        }
        if (host != null && !hasForwardedHost) {
            field(out, "x-forwarded-host: ", host);
        }
        String element = ProxyHeaders.forwardedElement(clientIp, clientIpv6, host);
        field(out, "forwarded: ", forwarded == null ? element : forwarded + ", " + element);
        if (webSocketUpgrade) {
            field(out, "connection: ", "upgrade");
        }
        out.writeShort(CRLF);
        return out;
    }

    private static void field(ByteBuf out, String nameAndColon, String value) {
        ByteBufUtil.writeAscii(out, nameAndColon);
        out.writeCharSequence(value, StandardCharsets.ISO_8859_1);
        out.writeShort(CRLF);
    }

    /** What the fields say about framing, the connection and forwarding; marks the lines not forwarded as dropped. */
    private static final class Semantics {
        boolean chunked;
        long contentLength = -1;
        boolean close;
        boolean keepAliveToken;
        boolean webSocketUpgrade;
        Expectation expectation = Expectation.NONE;
        String forwardedFor;
        String forwarded;
        boolean hasForwardedProto;
        boolean hasForwardedHost;

        Semantics(FieldLines fields) throws MalformedMessageException {
            List<String> named = null;
            boolean connectionUpgrade = false;
            int upgradeLine = -1;
            boolean transferEncoding = false;
            for (int i = 0; i < fields.count(); i++) {
                switch (fields.nameLength(i)) {
                    case 2 -> fields.dropIfNamed(i, HeaderNames.TE);
                    case 6 -> {
                        if (fields.nameIs(i, HeaderNames.EXPECT)) {
                            fields.drop(i);
                            expectation = fields.value(i).equalsIgnoreCase("100-continue") ? Expectation.CONTINUE
                                    : Expectation.UNSUPPORTED;
                        }
                    }
                    case 7 -> {
                        fields.dropIfNamed(i, HeaderNames.TRAILER);
                        if (fields.nameIs(i, HeaderNames.UPGRADE)) {
                            upgradeLine = i;
                        }
                    }
                    case 9 -> {
                        if (fields.nameIs(i, HeaderNames.FORWARDED)) {
                            fields.drop(i);
                            forwarded = join(forwarded, fields.value(i));
                        }
                    }
                    case 10 -> {
                        if (fields.nameIs(i, HeaderNames.CONNECTION)) {
                            fields.drop(i);
                            for (String token : fields.value(i).split(",")) {
                                String name = token.trim().toLowerCase(Locale.ROOT);
                                switch (name) {
                                    case "" -> {
                                    }
                                    case "close" -> close = true;
                                    case "keep-alive" -> keepAliveToken = true;
                                    case "upgrade" -> connectionUpgrade = true;
                                    case "transfer-encoding", "content-length" -> {
                                    }
                                    default -> {
                                        named = named == null ? new ArrayList<>(2) : named;
                                        named.add(name);
                                    }
                                }
                            }
                        } else {
                            fields.dropIfNamed(i, HeaderNames.KEEP_ALIVE);
                        }
                    }
                    case 14 -> {
                        if (fields.nameIs(i, HeaderNames.CONTENT_LENGTH)) {
                            contentLength = HeaderNames.contentLength(fields.value(i), contentLength);
                        }
                    }
                    case 15 -> {
                        if (fields.nameIs(i, HeaderNames.X_FORWARDED_FOR)) {
                            fields.drop(i);
                            forwardedFor = join(forwardedFor, fields.value(i));
                        }
                    }
                    case 16 -> {
                        fields.dropIfNamed(i, HeaderNames.PROXY_CONNECTION);
                        hasForwardedHost |= fields.nameIs(i, HeaderNames.X_FORWARDED_HOST);
                    }
                    case 17 -> {
                        if (fields.nameIs(i, HeaderNames.TRANSFER_ENCODING)) {
                            if (transferEncoding || !fields.value(i).equalsIgnoreCase("chunked")) {
                                throw new MalformedMessageException("unsupported Transfer-Encoding '"
                                        + fields.value(i) + "': only 'chunked' is accepted");
                            }
                            transferEncoding = true;
                        }
                        hasForwardedProto |= fields.nameIs(i, HeaderNames.X_FORWARDED_PROTO);
                    }
                    case 18 -> fields.dropIfNamed(i, HeaderNames.PROXY_AUTHENTICATE);
                    case 19 -> fields.dropIfNamed(i, HeaderNames.PROXY_AUTHORIZATION);
                    default -> {
                    }
                }
            }
            if (transferEncoding && contentLength >= 0) {
                throw new MalformedMessageException("both Transfer-Encoding and Content-Length are present");
            }
            chunked = transferEncoding;
            webSocketUpgrade = connectionUpgrade && upgradeLine >= 0
                    && fields.value(upgradeLine).toLowerCase(Locale.ROOT).contains("websocket");
            if (upgradeLine >= 0 && !webSocketUpgrade) {
                fields.drop(upgradeLine);
            }
            if (named != null) {
                fields.dropNamed(named);
            }
        }

        private static String join(String previous, String value) {
            return previous == null ? value : previous + ", " + value;
        }
    }
}
