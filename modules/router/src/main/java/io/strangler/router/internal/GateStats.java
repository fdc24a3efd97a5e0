package io.strangler.router.internal;

import io.strangler.router.Side;

/** Where a ramp's gates read the traffic of its route: this instance's alone, or every instance's. */
public interface GateStats {

    /**
     * The traffic of one side of a route since the previous call for it (calls for a route come from its ramp only),
     * leaving out what was counted before {@code sinceEpochMillis} (a previous step's).
     */
    SideStats.Window take(String routeId, Side side, long sinceEpochMillis);

    /** This instance's traffic only: enough for one instance, or when there is no Kafka to share it through. */
    static GateStats local(RoutingEngine engine) {
        return (routeId, side, since) -> engine.runtime(routeId).stats(side).interval();
    }
}
