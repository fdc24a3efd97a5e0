package io.strangler.router;

import java.util.List;

/**
 * Requests that always go to the candidate, whatever the weight (unless the route is rolled back or the candidate is
 * unhealthy).
 *
 * @param header      header name that marks a canary request
 * @param headerValue required value of that header; null = any value
 * @param cookie      cookie name that marks a canary request
 * @param cookieValue required cookie value; null = any value
 * @param users       sticky-key values (user ids) that are canaries
 */
public record Canary(String header, String headerValue, String cookie, String cookieValue, List<String> users) {

    public Canary {
        users = users == null ? List.of() : List.copyOf(users);
        RouteConfigException.require(header == null || !header.isBlank(), "canary.header", "must not be blank");
        RouteConfigException.require(cookie == null || !cookie.isBlank(), "canary.cookie", "must not be blank");
    }

    public static Canary header(String name, String value) {
        return new Canary(name, value, null, null, null);
    }
}
