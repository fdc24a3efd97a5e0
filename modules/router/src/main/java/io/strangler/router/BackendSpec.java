package io.strangler.router;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * One upstream the router may send traffic to. Only configured backends are ever contacted: the router is not an
 * open proxy. Plain HTTP/1.1 only.
 *
 * <pre>{@code
 * backends:
 *   monolith: { url: "http://10.0.0.5:8080", connectTimeoutMs: 500, responseTimeoutMs: 5000, healthPath: /health }
 * }</pre>
 *
 * @param name              unique name referenced by routes
 * @param url               {@code http://host:port}, no path
 * @param connectTimeoutMs  TCP connect timeout (502 when exceeded)
 * @param responseTimeoutMs time from the request being sent to the response head (504 when exceeded)
 * @param healthPath        path probed by active health checks; null disables active probing
 */
public record BackendSpec(String name, String url, int connectTimeoutMs, int responseTimeoutMs, String healthPath) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 1_000;
    public static final int DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    @JsonCreator
    public BackendSpec(@JsonProperty("name") String name, @JsonProperty("url") String url,
            @JsonProperty("connectTimeoutMs") Integer connectTimeoutMs,
            @JsonProperty("responseTimeoutMs") Integer responseTimeoutMs,
            @JsonProperty("healthPath") String healthPath) {
        this(name, url, connectTimeoutMs == null ? DEFAULT_CONNECT_TIMEOUT_MS : connectTimeoutMs,
                responseTimeoutMs == null ? DEFAULT_RESPONSE_TIMEOUT_MS : responseTimeoutMs, healthPath);
    }

    public BackendSpec {
        String field = "backends." + name;
        RouteConfigException.require(name != null && NAME.matcher(name).matches(), "backends." + name,
                "name must be 1-64 letters, digits, '_', '.' or '-'");
        RouteConfigException.require(url != null, field + ".url", "is required, e.g. http://127.0.0.1:8080");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RouteConfigException(field + ".url: '" + url + "' is not a URL: " + e.getMessage(), e);
        }
        RouteConfigException.require("http".equals(uri.getScheme()), field + ".url",
                "'" + url + "' must use http:// (TLS to backends is not supported yet)");
        RouteConfigException.require(uri.getHost() != null && uri.getPort() > 0, field + ".url",
                "'" + url + "' must name a host and an explicit port");
        RouteConfigException.require(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                || "/".equals(uri.getRawPath()), field + ".url", "'" + url + "' must not have a path");
        RouteConfigException.require(connectTimeoutMs > 0 && connectTimeoutMs <= 60_000, field + ".connectTimeoutMs",
                "must be in 1..60000, was " + connectTimeoutMs);
        RouteConfigException.require(responseTimeoutMs > 0 && responseTimeoutMs <= 3_600_000,
                field + ".responseTimeoutMs", "must be in 1..3600000, was " + responseTimeoutMs);
        RouteConfigException.require(healthPath == null || healthPath.startsWith("/"), field + ".healthPath",
                "must start with '/', was '" + healthPath + "'");
    }

    public String host() {
        return URI.create(url).getHost();
    }

    public int port() {
        return URI.create(url).getPort();
    }
}
