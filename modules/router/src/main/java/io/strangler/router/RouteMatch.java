package io.strangler.router;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What requests a route takes. Every given condition must hold; absent conditions match anything.
 *
 * @param pathPrefix  path starts with this (segment-aware: {@code /orders} matches {@code /orders/7}, not
 *                    {@code /ordersx}); defaults to {@code /}
 * @param pathPattern full-path regular expression, in addition to the prefix
 * @param methods     upper-case methods; empty = any
 * @param host        Host header without port, case-insensitive
 * @param headers     header name to exact value
 */
public record RouteMatch(String pathPrefix, String pathPattern, List<String> methods, String host,
        Map<String, String> headers) {

    public RouteMatch {
        pathPrefix = pathPrefix == null ? "/" : pathPrefix;
        RouteConfigException.require(pathPrefix.startsWith("/"), "match.pathPrefix",
                "must start with '/', was '" + pathPrefix + "'");
        if (pathPattern != null) {
            try {
                Pattern.compile(pathPattern);
            } catch (PatternSyntaxException e) {
                throw new RouteConfigException("match.pathPattern: not a regular expression: " + e.getMessage(), e);
            }
        }
        methods = methods == null ? List.of() : methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
        host = host == null ? null : host.toLowerCase(Locale.ROOT);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static RouteMatch prefix(String pathPrefix) {
        return new RouteMatch(pathPrefix, null, null, null, null);
    }
}
