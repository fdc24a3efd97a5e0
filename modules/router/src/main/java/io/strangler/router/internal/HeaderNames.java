package io.strangler.router.internal;

import io.netty.util.AsciiString;

/** Lower-case field names the proxy looks for in heads it parses in place, and the value rules they share. */
final class HeaderNames {

    static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");
    static final AsciiString CONNECTION = AsciiString.cached("connection");
    static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    static final AsciiString PROXY_AUTHENTICATE = AsciiString.cached("proxy-authenticate");
    static final AsciiString PROXY_AUTHORIZATION = AsciiString.cached("proxy-authorization");
    static final AsciiString TE = AsciiString.cached("te");
    static final AsciiString TRAILER = AsciiString.cached("trailer");
    static final AsciiString UPGRADE = AsciiString.cached("upgrade");
    static final AsciiString HOST = AsciiString.cached("host");
    static final AsciiString EXPECT = AsciiString.cached("expect");
    static final AsciiString COOKIE = AsciiString.cached("cookie");
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    private HeaderNames() {
    }

    /**
     * A Content-Length value: digits only; another one already seen ({@code previous} ≥ 0) must be equal.
     *
     * @throws MalformedMessageException for anything else: two parsers could read the body's end differently
     */
    static long contentLength(String value, long previous) throws MalformedMessageException {
        if (value.isEmpty() || value.length() > 18) {
            throw new MalformedMessageException("invalid Content-Length '" + value + "'");
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedMessageException("invalid Content-Length '" + value + "'");
            }
            length = length * 10 + (c - '0');
        }
        if (previous >= 0 && previous != length) {
            throw new MalformedMessageException("conflicting Content-Length values " + previous + " and " + length);
        }
        return length;
    }
}
