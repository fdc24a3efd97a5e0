package io.strangler.router.internal;

import io.strangler.router.BackendSpec;
import io.strangler.router.FlagSpec;
import io.strangler.router.RampPlan;
import io.strangler.router.RampStatus;
import io.strangler.router.RouteSpec;
import io.strangler.router.RouteTable;
import io.strangler.router.RouterControl;
import io.strangler.router.Side;
import io.strangler.schemas.RouterEventType;
import java.util.Optional;

/** {@link RouterControl} over the route store, the ramp controller and the event sink. */
public final class RouterCore implements RouterControl, RampController.Actions {

    private final RouteStore store;
    private final EventSink events;
    private RampController ramps;

    public RouterCore(RouteStore store, EventSink events) {
        this.store = store;
        this.events = events;
    }

    public void ramps(RampController controller) {
        this.ramps = controller;
    }

    @Override
    public RouteTable routes() {
        return store.table();
    }

    @Override
    public void upsertRoute(RouteSpec route) {
        store.upsertRoute(route);
        events.emit(RouterEventType.ROUTE_CHANGED, route.id(), null, route.weight(), "route upserted", null);
    }

    @Override
    public void removeRoute(String routeId) {
        store.table().route(routeId);
        stopRamp(routeId, "route removed");
        store.removeRoute(routeId);
        events.emit(RouterEventType.ROUTE_REMOVED, routeId, null, null, "route removed", null);
    }

    @Override
    public void upsertBackend(BackendSpec backend) {
        store.upsertBackend(backend);
        events.emit(RouterEventType.ROUTE_CHANGED, null, backend.name(), null, "backend upserted " + backend.url(),
                null);
    }

    @Override
    public void upsertFlag(FlagSpec flag) {
        store.upsertFlag(flag);
        events.emit(RouterEventType.ROUTE_CHANGED, null, null, null, "flag upserted " + flag.key(), null);
    }

    @Override
    public void setWeight(String routeId, double percent) {
        stopRamp(routeId, "weight set by operator");
        applyWeight(routeId, percent, "weight set");
    }

    @Override
    public void switchTo(String routeId, Side side) {
        stopRamp(routeId, "blue-green switch");
        applyWeight(routeId, side == Side.CANDIDATE ? 100 : 0, "blue-green switch to " + side);
    }

    @Override
    public void rollback(String routeId, String reason) {
        if (ramps != null) {
            ramps.rolledBack(routeId, reason);
        }
        store.updateRoute(routeId, RouteSpec::withRolledBack);
        events.emit(RouterEventType.ROLLBACK, routeId, null, 0.0, reason, null);
    }

    @Override
    public RampStatus startRamp(String routeId, RampPlan plan) {
        return ramps.start(routeId, plan);
    }

    @Override
    public RampStatus pauseRamp(String routeId) {
        return ramps.pause(routeId);
    }

    @Override
    public RampStatus resumeRamp(String routeId) {
        return ramps.resume(routeId);
    }

    @Override
    public RampStatus abortRamp(String routeId) {
        return ramps.abort(routeId, "aborted by operator");
    }

    @Override
    public Optional<RampStatus> ramp(String routeId) {
        return ramps.status(routeId);
    }

    /** Ramp steps: a weight change that keeps the ramp running. */
    @Override
    public void stepWeight(String routeId, double weight) {
        applyWeight(routeId, weight, "ramp step");
    }

    @Override
    public void gateRollback(String routeId, String reason) {
        rollback(routeId, reason);
    }

    private void applyWeight(String routeId, double percent, String why) {
        RouteSpec next = store.updateRoute(routeId, r -> r.withWeight(percent));
        events.emit(RouterEventType.ROUTE_CHANGED, routeId, null, next.weight(), why, null);
    }

    private void stopRamp(String routeId, String reason) {
        if (ramps != null && ramps.status(routeId).map(s -> s.state() == RampStatus.State.RUNNING
                || s.state() == RampStatus.State.PAUSED || s.state() == RampStatus.State.WAITING).orElse(false)) {
            ramps.abort(routeId, reason);
        }
    }
}
