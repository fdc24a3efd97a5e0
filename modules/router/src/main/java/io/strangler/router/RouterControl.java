package io.strangler.router;

import java.util.Optional;

/**
 * Operations on a running router. With Kafka configured every change goes through the compacted routes topic, so all
 * router instances apply it (typically within milliseconds); standalone it applies to this instance only.
 *
 * <pre>{@code
 * RouterControl control = router.control();
 * control.setWeight("orders", 25);                 // 25 % of users to the new service, sticky
 * control.startRamp("orders", new RampPlan(List.of(50.0, 100.0), 60_000, HealthGates.defaults()));
 * control.rollback("orders", "p99 doubled");       // everything back to the monolith, everywhere
 * }</pre>
 */
public interface RouterControl {

    RouteTable routes();

    void upsertRoute(RouteSpec route);

    void removeRoute(String routeId);

    void upsertBackend(BackendSpec backend);

    void upsertFlag(FlagSpec flag);

    /** Sets the candidate weight (percent) and clears a rollback. */
    void setWeight(String routeId, double percent);

    /** Blue-green: the whole route to one side at once (weight 100 or 0). */
    void switchTo(String routeId, Side side);

    /** Everything to the stable side, ramps aborted, canaries and flags ignored until a new weight is set. */
    void rollback(String routeId, String reason);

    RampStatus startRamp(String routeId, RampPlan plan);

    RampStatus pauseRamp(String routeId);

    RampStatus resumeRamp(String routeId);

    RampStatus abortRamp(String routeId);

    Optional<RampStatus> ramp(String routeId);
}
