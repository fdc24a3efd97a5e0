package io.strangler.router;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the key for stable percentage splits comes from: {@code header:X-User-Id}, {@code cookie:session} or
 * {@code ip}. A request without the header or cookie falls back to the client IP.
 */
public record StickyKey(Source source, String name) {

    public enum Source { HEADER, COOKIE, IP }

    public static final StickyKey IP = new StickyKey(Source.IP, null);

    public StickyKey {
        RouteConfigException.require(source != null, "stickyKey", "source is required");
        RouteConfigException.require(source == Source.IP || (name != null && !name.isBlank()), "stickyKey",
                "a header or cookie name is required, e.g. 'header:X-User-Id'");
    }

    @JsonCreator
    public static StickyKey parse(String text) {
        if (text == null || text.isBlank() || "ip".equalsIgnoreCase(text.trim())) {
            return IP;
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
        String name = colon < 0 ? "" : text.substring(colon + 1).trim();
        return switch (kind) {
            case "header" -> new StickyKey(Source.HEADER, name);
            case "cookie" -> new StickyKey(Source.COOKIE, name);
            default -> throw new RouteConfigException("stickyKey: '" + text
                    + "' must be 'ip', 'header:<name>' or 'cookie:<name>'");
        };
    }

    @JsonValue
    @Override
    public String toString() {
        return source == Source.IP ? "ip" : source.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
