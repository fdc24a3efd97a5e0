package io.strangler.router.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.util.AsciiString;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Hop-by-hop header removal (RFC 9110 §7.6.1) and the X-Forwarded-* / Forwarded headers a proxy adds. */
public final class ProxyHeaders {

    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");

    /** Besides Connection, Upgrade and what Connection names; {@link #hasHopByHopName} must know every one. */
    private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, PROXY_CONNECTION);

    private ProxyHeaders() {
    }

    /**
     * Removes hop-by-hop headers, including those named in Connection. Transfer-Encoding stays: it is the framing the
     * codec re-emits for the streamed body. {@code keepUpgrade} keeps Connection: upgrade and Upgrade for WebSockets.
     */
    public static void stripHopByHop(HttpMessage message, boolean keepUpgrade) {
        HttpHeaders headers = message.headers();
        if (!keepUpgrade && !hasHopByHopName(headers)) {
            // the common case, once per request and once per response: one pass instead of ten lookups
            return;
        }
        List<String> connection = headers.getAll(HttpHeaderNames.CONNECTION);
        if (!connection.isEmpty()) {
            for (String value : connection) {
                for (String token : value.split(",")) {
                    String name = token.trim();
                    if (!name.isEmpty() && !(keepUpgrade && name.equalsIgnoreCase("upgrade"))
                            && !name.equalsIgnoreCase("transfer-encoding")) {
                        headers.remove(name);
                    }
                }
            }
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        for (CharSequence name : HOP_BY_HOP) {
            headers.remove(name);
        }
        if (keepUpgrade) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else {
            headers.remove(HttpHeaderNames.UPGRADE);
        }
    }

    /** True when a header is named like one that stripHopByHop removes (it also removes what Connection names). */
    static boolean hasHopByHopName(HttpHeaders headers) {
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
        while (entries.hasNext()) {
            CharSequence name = entries.next().getKey();
            boolean hopByHop = switch (name.length()) {
                case 2 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TE);
                case 7 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.UPGRADE)
                        || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRAILER);
                case 10 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION)
                        || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.KEEP_ALIVE);
                case 16 -> AsciiString.contentEqualsIgnoreCase(name, PROXY_CONNECTION);
                case 18 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.PROXY_AUTHENTICATE);
                case 19 -> AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.PROXY_AUTHORIZATION);
                default -> false;
            };
            if (hopByHop) {
                return true;
            }
        }
        return false;
    }

    /** Appends the client to X-Forwarded-For and Forwarded; sets X-Forwarded-Proto/Host when absent. */
    public static void addForwarded(HttpHeaders headers, InetSocketAddress client) {
        addForwarded(headers, clientIp(client), client != null && client.getAddress() instanceof Inet6Address);
    }

    /** The client's address as it appears in X-Forwarded-For; computed once per connection by the caller. */
    static String clientIp(InetSocketAddress client) {
        return client == null || client.getAddress() == null ? "unknown" : client.getAddress().getHostAddress();
    }

    static void addForwarded(HttpHeaders headers, String ip, boolean ipv6) {
        String previous = headers.get("x-forwarded-for");
        headers.set("x-forwarded-for", previous == null ? ip : previous + ", " + ip);
        if (!headers.contains("x-forwarded-proto")) {
            headers.set("x-forwarded-proto", "http");
        }
        String host = headers.get(HttpHeaderNames.HOST);
        if (host != null && !headers.contains("x-forwarded-host")) {
            headers.set("x-forwarded-host", host);
        }
        String node = ipv6 ? "\"[" + ip + "]\"" : ip;
        StringBuilder element = new StringBuilder("for=").append(node);
        if (host != null && isPlainHost(host)) {
            element.append(";host=").append(host);
        }
        element.append(";proto=http");
        String forwarded = headers.get("forwarded");
        headers.set("forwarded", forwarded == null ? element : forwarded + ", " + element);
    }

    /** Host names and addresses only ([A-Za-z0-9.:[]-]+): anything else would need quoting in Forwarded. */
    private static boolean isPlainHost(String host) {
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == ':'
                    || c == '[' || c == ']' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True for a WebSocket upgrade request (Connection: upgrade and Upgrade: websocket). */
    public static boolean isWebSocketUpgrade(HttpHeaders headers) {
        return headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && headers.contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
