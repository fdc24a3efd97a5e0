package io.strangler.router.internal;

import java.net.InetSocketAddress;

/** The pieces of the forwarding fields (X-Forwarded-For, Forwarded: RFC 7239) that depend on the client. */
final class ProxyHeaders {

    private ProxyHeaders() {
    }

    /** The client's address as it appears in X-Forwarded-For; computed once per connection by the caller. */
    static String clientIp(InetSocketAddress client) {
        return client == null || client.getAddress() == null ? "unknown" : client.getAddress().getHostAddress();
    }

    /** This hop's Forwarded element: {@code for=} the client (IPv6 quoted), the host when it needs no quoting. */
    static String forwardedElement(String ip, boolean ipv6, String host) {
        StringBuilder element = new StringBuilder("for=");
        if (ipv6) {
            element.append("\"[").append(ip).append("]\"");
        } else {
            element.append(ip);
        }
        if (host != null && isPlainHost(host)) {
            element.append(";host=").append(host);
        }
        return element.append(";proto=http").toString();
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
}
