package io.strangler.router.internal;

import io.strangler.router.BackendSpec;
import io.strangler.router.RouteSpec;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** A route prepared for matching: the regex compiled, the backends resolved, the weight as a bucket threshold. */
public record CompiledRoute(RouteSpec spec, Pattern pathPattern, BackendSpec stable, BackendSpec candidate,
        int threshold, RouteRuntime runtime) {

    public static CompiledRoute compile(RouteSpec spec, Map<String, BackendSpec> backends, RouteRuntime runtime) {
        Pattern pattern = spec.match().pathPattern() == null ? null : Pattern.compile(spec.match().pathPattern());
        return new CompiledRoute(spec, pattern, backends.get(spec.stable()),
                spec.candidate() == null ? null : backends.get(spec.candidate()),
                StickyHash.threshold(spec.weight()), runtime);
    }

    boolean matches(RequestHead request, String path) {
        String prefix = spec.match().pathPrefix();
        if (!path.startsWith(prefix)) {
            return false;
        }
        // segment-aware: /orders takes /orders and /orders/7, not /ordersx
        if (path.length() > prefix.length() && !prefix.endsWith("/") && path.charAt(prefix.length()) != '/') {
            return false;
        }
        if (pathPattern != null && !pathPattern.matcher(path).matches()) {
            return false;
        }
        if (!spec.match().methods().isEmpty() && !spec.match().methods().contains(request.method())) {
            return false;
        }
        if (spec.match().host() != null) {
            String host = request.header(HeaderNames.HOST);
            if (host == null) {
                return false;
            }
            int colon = host.lastIndexOf(':');
            String bare = colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
            if (!bare.toLowerCase(Locale.ROOT).equals(spec.match().host())) {
                return false;
            }
        }
        for (Map.Entry<String, String> header : spec.match().headers().entrySet()) {
            if (!header.getValue().equals(request.header(header.getKey()))) {
                return false;
            }
        }
        return true;
    }

    public BackendSpec backend(io.strangler.router.Side side) {
        return side == io.strangler.router.Side.STABLE ? stable : candidate;
    }
}
