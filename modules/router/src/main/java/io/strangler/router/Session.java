package io.strangler.router;

/**
 * Session stickiness: once a client was served by a side it keeps going there while that side is still allowed
 * (weight above 0 for the candidate, below 100 for the stable side). The side is kept in a cookie.
 *
 * @param cookie      cookie name; defaults to {@code strangler-<route id>}
 * @param maxAgeSeconds cookie lifetime; 0 = browser session
 */
public record Session(String cookie, long maxAgeSeconds) {

    public Session {
        RouteConfigException.require(cookie == null || cookie.matches("[A-Za-z0-9_.-]+"), "session.cookie",
                "must be letters, digits, '_', '.' or '-', was '" + cookie + "'");
        RouteConfigException.require(maxAgeSeconds >= 0, "session.maxAgeSeconds", "must be >= 0");
    }
}
