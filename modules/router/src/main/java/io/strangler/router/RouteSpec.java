package io.strangler.router;

import java.util.regex.Pattern;

/**
 * One route: which requests it takes, its two sides and how traffic is split between them. Decision order: rolled
 * back → stable; canary → candidate; feature flag on → candidate; session cookie (side still allowed) → that side;
 * otherwise the murmur3 bucket of the sticky key against {@code weight}. A chosen candidate that is unhealthy falls
 * back to the stable side.
 *
 * <pre>{@code
 * routes:
 *   - id: orders
 *     match: { pathPrefix: /orders, methods: [GET, POST] }
 *     stable: monolith
 *     candidate: orders-service
 *     weight: 10                  # percent of sticky-key buckets sent to the candidate
 *     stickyKey: header:X-User-Id
 *     canary: { header: X-Canary, users: [alice] }
 * }</pre>
 *
 * A blue-green switch is a weight of 0 or 100 set atomically; a rollback sets weight 0 and {@code rolledBack}.
 *
 * @param weight     percent (0-100, two decimals) of sticky-key buckets sent to the candidate; monotone: raising it
 *                   only moves keys from stable to candidate
 * @param flag       OpenFeature flag key; when it evaluates to true for the request, the candidate serves it
 * @param rolledBack everything goes to the stable side until a new weight, switch or ramp is set
 */
public record RouteSpec(String id, RouteMatch match, String stable, String candidate, double weight,
        StickyKey stickyKey, Canary canary, String flag, Session session, Shadow shadow, boolean rolledBack) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public RouteSpec {
        String field = "routes." + id;
        RouteConfigException.require(id != null && ID.matcher(id).matches(), "routes[].id",
                "'" + id + "' must be 1-64 letters, digits, '_', '.' or '-'");
        match = match == null ? RouteMatch.prefix("/") : match;
        RouteConfigException.require(stable != null && !stable.isBlank(), field + ".stable",
                "is required (the monolith backend)");
        RouteConfigException.require(candidate == null || !candidate.equals(stable), field + ".candidate",
                "must differ from stable '" + stable + "'");
        RouteConfigException.require(weight >= 0 && weight <= 100 && !Double.isNaN(weight), field + ".weight",
                "must be in 0..100, was " + weight);
        RouteConfigException.require(candidate != null || weight == 0, field + ".weight",
                "must be 0 without a candidate");
        stickyKey = stickyKey == null ? StickyKey.IP : stickyKey;
        if (session != null && session.cookie() == null) {
            session = new Session("strangler-" + id, session.maxAgeSeconds());
        }
    }

    /** A route that sends everything under {@code pathPrefix} to {@code stable}. */
    public static RouteSpec simple(String id, String pathPrefix, String stable) {
        return new RouteSpec(id, RouteMatch.prefix(pathPrefix), stable, null, 0, null, null, null, null, null, false);
    }

    /** A split route: {@code weight} percent of sticky-key buckets to {@code candidate}. */
    public static RouteSpec split(String id, String pathPrefix, String stable, String candidate, double weight,
            StickyKey stickyKey) {
        return new RouteSpec(id, RouteMatch.prefix(pathPrefix), stable, candidate, weight, stickyKey, null, null,
                null, null, false);
    }

    public RouteSpec withWeight(double newWeight) {
        return new RouteSpec(id, match, stable, candidate, newWeight, stickyKey, canary, flag, session, shadow, false);
    }

    public RouteSpec withRolledBack() {
        return new RouteSpec(id, match, stable, candidate, 0, stickyKey, canary, flag, session, shadow, true);
    }

    public RouteSpec withCanary(Canary newCanary) {
        return new RouteSpec(id, match, stable, candidate, weight, stickyKey, newCanary, flag, session, shadow,
                rolledBack);
    }

    public RouteSpec withFlag(String newFlag) {
        return new RouteSpec(id, match, stable, candidate, weight, stickyKey, canary, newFlag, session, shadow,
                rolledBack);
    }

    public RouteSpec withSession(Session newSession) {
        return new RouteSpec(id, match, stable, candidate, weight, stickyKey, canary, flag, newSession, shadow,
                rolledBack);
    }

    public RouteSpec withShadow(Shadow newShadow) {
        return new RouteSpec(id, match, stable, candidate, weight, stickyKey, canary, flag, session, newShadow,
                rolledBack);
    }
}
