package io.strangler.router.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.strangler.router.BackendSpec;
import io.strangler.router.Canary;
import io.strangler.router.RouteSpec;
import io.strangler.router.RouteTable;
import io.strangler.router.Side;
import io.strangler.router.StickyKey;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides where each request goes. The route table is an immutable snapshot swapped atomically, so a decision never
 * sees half of an update and needs no lock.
 */
public final class RoutingEngine {

    /** Evaluates a feature flag for a request. */
    public interface FlagEvaluator {
        boolean enabled(String flagKey, String targetingKey, String method, String path);
    }

    private record Snapshot(RouteTable table, List<CompiledRoute> routes) {
    }

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(
            new Snapshot(RouteTable.empty(), List.of()));
    private final Map<String, RouteRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, BackendHealth> health = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final int failuresToEject;
    private final long ejectionNanos;
    private volatile FlagEvaluator flags = (flag, key, request, path) -> false;

    public RoutingEngine(MeterRegistry meters, int failuresToEject, long ejectionMillis) {
        this.meters = meters;
        this.failuresToEject = failuresToEject;
        this.ejectionNanos = ejectionMillis * 1_000_000L;
    }

    public void flagEvaluator(FlagEvaluator evaluator) {
        this.flags = evaluator;
    }

    public synchronized void install(RouteTable table) {
        List<CompiledRoute> compiled = new ArrayList<>();
        for (RouteSpec spec : table.routes()) {
            RouteRuntime runtime = runtimes.computeIfAbsent(spec.id(), id -> new RouteRuntime(id, meters));
            compiled.add(CompiledRoute.compile(spec, table.backends(), runtime));
        }
        for (String backend : table.backends().keySet()) {
            health(backend);
        }
        snapshot.set(new Snapshot(table, List.copyOf(compiled)));
    }

    public RouteTable table() {
        return snapshot.get().table();
    }

    public BackendHealth health(String backend) {
        // read three times per request: a plain get is cheaper than computeIfAbsent for the key that is nearly always there
        BackendHealth known = health.get(backend);
        return known != null ? known
                : health.computeIfAbsent(backend, name -> new BackendHealth(name, failuresToEject, ejectionNanos));
    }

    public RouteRuntime runtime(String routeId) {
        return runtimes.computeIfAbsent(routeId, id -> new RouteRuntime(id, meters));
    }

    public Set<String> backendNames() {
        return snapshot.get().table().backends().keySet();
    }

    Decision decide(RequestHead request, InetSocketAddress client) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        CompiledRoute route = null;
        for (CompiledRoute candidate : snapshot.get().routes()) {
            if (candidate.matches(request, path)) {
                route = candidate;
                break;
            }
        }
        if (route == null) {
            return Decision.NO_ROUTE;
        }
        return decide(route, request, path, client);
    }

    private Decision decide(CompiledRoute route, RequestHead request, String path, InetSocketAddress client) {
        RouteSpec spec = route.spec();
        if (route.candidate() == null || spec.rolledBack()) {
            return finish(route, Side.STABLE, spec.rolledBack() ? "rolled-back" : "stable-only", null);
        }
        String cookieHeader = request.header(HeaderNames.COOKIE);
        Set<Cookie> cookies = cookieHeader == null ? Set.of() : ServerCookieDecoder.LAX.decode(cookieHeader);
        String stickyValue = stickyValue(spec.stickyKey(), request, cookies, client);
        Side side;
        String reason;
        if (isCanary(spec.canary(), request, cookies, stickyValue)) {
            side = Side.CANDIDATE;
            reason = "canary";
        } else if (spec.flag() != null && flags.enabled(spec.flag(), stickyValue, request.method(), path)) {
            side = Side.CANDIDATE;
            reason = "flag";
        } else {
            Side fromSession = sessionSide(route, cookies);
            if (fromSession != null) {
                side = fromSession;
                reason = "session";
            } else {
                side = StickyHash.bucket(spec.id(), stickyValue) < route.threshold() ? Side.CANDIDATE : Side.STABLE;
                reason = "weight";
            }
        }
        String setCookie = null;
        if (spec.session() != null) {
            String current = cookieValue(cookies, spec.session().cookie());
            String wanted = side == Side.CANDIDATE ? "c" : "s";
            if (!wanted.equals(current)) {
                DefaultCookie cookie = new DefaultCookie(spec.session().cookie(), wanted);
                cookie.setPath("/");
                cookie.setHttpOnly(true);
                if (spec.session().maxAgeSeconds() > 0) {
                    cookie.setMaxAge(spec.session().maxAgeSeconds());
                }
                setCookie = ServerCookieEncoder.LAX.encode(cookie);
            }
        }
        return finish(route, side, reason, setCookie);
    }

    private Decision finish(CompiledRoute route, Side side, String reason, String setCookie) {
        BackendSpec backend = route.backend(side);
        if (side == Side.CANDIDATE && !health(backend.name()).healthy()) {
            // an unhealthy new service never takes traffic: the monolith answers instead
            side = Side.STABLE;
            backend = route.stable();
            reason = "fallback";
            setCookie = null;
        }
        if (!health(backend.name()).healthy()) {
            backend = null;
        }
        boolean shadow = false;
        if (side == Side.STABLE && backend != null && route.spec().shadow() != null && route.candidate() != null
                && route.spec().shadow().percent() > 0) {
            shadow = ThreadLocalRandom.current().nextDouble(100.0) < route.spec().shadow().percent();
        }
        return new Decision(route, side, backend, reason, setCookie, shadow);
    }

    private Side sessionSide(CompiledRoute route, Set<Cookie> cookies) {
        if (route.spec().session() == null) {
            return null;
        }
        String value = cookieValue(cookies, route.spec().session().cookie());
        if ("c".equals(value) && route.threshold() > 0) {
            return Side.CANDIDATE;
        }
        if ("s".equals(value) && route.threshold() < StickyHash.BUCKETS) {
            return Side.STABLE;
        }
        return null;
    }

    private static boolean isCanary(Canary canary, RequestHead request, Set<Cookie> cookies, String stickyValue) {
        if (canary == null) {
            return false;
        }
        if (canary.header() != null) {
            String value = request.header(canary.header());
            if (value != null && (canary.headerValue() == null || canary.headerValue().equals(value))) {
                return true;
            }
        }
        if (canary.cookie() != null) {
            String value = cookieValue(cookies, canary.cookie());
            if (value != null && (canary.cookieValue() == null || canary.cookieValue().equals(value))) {
                return true;
            }
        }
        return !canary.users().isEmpty() && canary.users().contains(stickyValue);
    }

    static String stickyValue(StickyKey key, RequestHead request, Set<Cookie> cookies, InetSocketAddress client) {
        String value = switch (key.source()) {
            case HEADER -> request.header(key.name());
            case COOKIE -> cookieValue(cookies, key.name());
            case IP -> null;
        };
        if (value != null && !value.isEmpty()) {
            return value;
        }
        return client == null || client.getAddress() == null ? "" : client.getAddress().getHostAddress();
    }

    private static String cookieValue(Set<Cookie> cookies, String name) {
        for (Cookie cookie : cookies) {
            if (cookie.name().equals(name)) {
                return cookie.value();
            }
        }
        return null;
    }
}
