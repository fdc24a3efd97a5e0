package io.strangler.router.internal;

import io.strangler.router.HealthGates;
import io.strangler.router.RampPlan;
import io.strangler.router.RampStatus;
import io.strangler.router.RampStatus.State;
import io.strangler.router.Side;
import io.strangler.schemas.RouterEventType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs gradual ramps on this instance: every check interval it reads the route's traffic since the last check,
 * judges the gates over the current step, rolls back on a breach and advances when a step has held for its interval.
 * Weight changes go through the route store, so every instance follows the ramp.
 */
public final class RampController implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(RampController.class);
    /** Longer than a checkpoint publish may take (10 s), so that close lets a check under way finish. */
    private static final long CLOSE_WAIT_SECONDS = 12;

    /** What the controller changes. */
    public interface Actions {
        void stepWeight(String routeId, double weight);

        void gateRollback(String routeId, String reason);
    }

    private final RoutingEngine engine;
    /** Where the gates read the route's traffic: this instance's, or the cluster's. */
    private final GateStats gateStats;
    private final Actions actions;
    private final EventSink events;
    private final Supplier<Optional<ConsistencyFeed.Reading>> consistency;
    private final String owner;
    private final BiConsumer<String, RampCheckpoint> checkpoints;
    private final Map<String, Ramp> ramps = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "router-ramps");
        t.setDaemon(true);
        return t;
    });

    private static final class Ramp {
        final String routeId;
        final RampPlan plan;
        State state = State.RUNNING;
        int step;
        long stepStartedNanos;
        long stepStartedEpochMillis;
        long pausedElapsedNanos;
        int changedElsewhereChecks;
        SideStats.Window candidate = SideStats.Window.EMPTY;
        SideStats.Window stable = SideStats.Window.EMPTY;
        String reason = "started";

        Ramp(String routeId, RampPlan plan) {
            this.routeId = routeId;
            this.plan = plan;
        }

        boolean live() {
            return state == State.WAITING || state == State.RUNNING || state == State.PAUSED;
        }
    }

    /**
     * @param consistency the newest consistency status, or null when this instance has no feed (then ramps with a
     *                    consistency gate are refused)
     * @param owner       this instance's id, written into every checkpoint
     * @param checkpoints where every change of a ramp is saved (the routes topic), so that a restart can resume it
     */
    public RampController(RoutingEngine engine, Actions actions, EventSink events,
            Supplier<Optional<ConsistencyFeed.Reading>> consistency, long checkMillis, String owner,
            BiConsumer<String, RampCheckpoint> checkpoints, GateStats gateStats) {
        this.engine = engine;
        this.gateStats = gateStats;
        this.actions = actions;
        this.events = events;
        this.consistency = consistency;
        this.owner = owner;
        this.checkpoints = checkpoints;
        timer.scheduleWithFixedDelay(this::checkAll, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    public synchronized RampStatus start(String routeId, RampPlan plan) {
        if (engine.table().route(routeId).candidate() == null) {
            throw new IllegalArgumentException("route " + routeId + " has no candidate to ramp to");
        }
        if (plan.gates().minConsistencyPercent() > 0 && consistency == null) {
            throw new IllegalArgumentException("route " + routeId + ": gates.minConsistencyPercent needs the "
                    + "consistency status feed, which requires kafka.bootstrap.servers and schema.registry.url");
        }
        Ramp ramp = new Ramp(routeId, plan);
        ramps.put(routeId, ramp);
        String waiting = consistencyWait(plan.gates());
        events.emit(RouterEventType.RAMP_STARTED, routeId, null, plan.steps().get(0),
                "ramp " + plan.steps() + " every " + plan.stepIntervalMs() + " ms"
                        + (waiting == null ? "" : "; " + waiting), null);
        if (waiting == null) {
            enterStep(ramp, 0);
        } else {
            // no traffic moves before the migration is known to be consistent enough
            ramp.state = State.WAITING;
            ramp.step = -1;
            ramp.reason = waiting;
            save(ramp);
        }
        return status(ramp);
    }

    /**
     * Takes up the live ramps this instance ran before it restarted (same instance id), where their checkpoints left
     * them: the step keeps the time it had already held; its gates are judged on traffic from now on.
     */
    public synchronized void resumeAfterRestart(Map<String, RampCheckpoint> saved) {
        long nowMillis = System.currentTimeMillis();
        long nowNanos = System.nanoTime();
        saved.forEach((routeId, checkpoint) -> {
            if (!checkpoint.live() || ramps.containsKey(routeId)) {
                return;
            }
            if (!owner.equals(checkpoint.owner())) {
                LOGGER.info("Ramp of route {} belongs to instance {}, not resumed here", routeId, checkpoint.owner());
                return;
            }
            if (!engine.table().hasRoute(routeId) || engine.table().route(routeId).candidate() == null
                    || checkpoint.step() >= 0 && engine.table().route(routeId).rolledBack()) {
                LOGGER.warn("Ramp of route {} not resumed: the route or its candidate is gone, or it was rolled back "
                        + "while the ramp was down", routeId);
                return;
            }
            Ramp ramp = new Ramp(routeId, checkpoint.plan());
            ramp.state = checkpoint.state();
            ramp.step = checkpoint.step();
            long heldMillis = Math.max(0, nowMillis - checkpoint.stepStartedEpochMillis());
            ramp.stepStartedEpochMillis = checkpoint.stepStartedEpochMillis();
            ramp.stepStartedNanos = nowNanos - TimeUnit.MILLISECONDS.toNanos(heldMillis);
            ramp.pausedElapsedNanos = TimeUnit.MILLISECONDS.toNanos(checkpoint.pausedElapsedMillis());
            ramp.reason = "resumed after a restart of " + owner + " (" + checkpoint.reason() + ")";
            ramps.put(routeId, ramp);
            finishStepChange(ramp);
            LOGGER.info("Resumed the ramp of route {} at step {} ({}), held {} ms", routeId, ramp.step + 1,
                    ramp.state, heldMillis);
            events.emit(RouterEventType.RAMP_RESUMED, routeId, null, current(ramp), ramp.reason, null);
            save(ramp);
        });
    }

    /**
     * The instance died between checkpointing a step and setting its weight: the route still has the previous step's
     * weight (0 before the first), which nobody else would have set, so the step's weight is set now.
     */
    private void finishStepChange(Ramp ramp) {
        if (ramp.state != State.RUNNING || ramp.step < 0) {
            return;
        }
        double weight = engine.table().route(ramp.routeId).weight();
        double stepWeight = ramp.plan.steps().get(ramp.step);
        double previous = ramp.step == 0 ? 0 : ramp.plan.steps().get(ramp.step - 1);
        if (weight != stepWeight && weight == previous) {
            LOGGER.info("Ramp of route {} stopped before setting step {}'s weight {}: setting it", ramp.routeId,
                    ramp.step + 1, stepWeight);
            actions.stepWeight(ramp.routeId, stepWeight);
        }
    }

    public synchronized RampStatus pause(String routeId) {
        Ramp ramp = require(routeId);
        if (ramp.state == State.RUNNING || ramp.state == State.WAITING) {
            ramp.state = State.PAUSED;
            ramp.pausedElapsedNanos = System.nanoTime() - ramp.stepStartedNanos;
            ramp.reason = "paused by operator";
            events.emit(RouterEventType.RAMP_PAUSED, routeId, null, current(ramp), ramp.reason, null);
            save(ramp);
        }
        return status(ramp);
    }

    public synchronized RampStatus resume(String routeId) {
        Ramp ramp = require(routeId);
        if (ramp.state == State.PAUSED) {
            ramp.state = ramp.step < 0 ? State.WAITING : State.RUNNING;
            ramp.stepStartedNanos = System.nanoTime() - ramp.pausedElapsedNanos;
            ramp.stepStartedEpochMillis = System.currentTimeMillis()
                    - TimeUnit.NANOSECONDS.toMillis(ramp.pausedElapsedNanos);
            ramp.reason = "resumed by operator";
            events.emit(RouterEventType.RAMP_RESUMED, routeId, null, current(ramp), ramp.reason, null);
            save(ramp);
        }
        return status(ramp);
    }

    /** Stops the ramp where it is (the weight stays). */
    public synchronized RampStatus abort(String routeId, String reason) {
        Ramp ramp = require(routeId);
        if (ramp.live()) {
            ramp.state = State.ABORTED;
            ramp.reason = reason;
            events.emit(RouterEventType.RAMP_ABORTED, routeId, null, current(ramp), reason, null);
            save(ramp);
        }
        return status(ramp);
    }

    /** Marks a live ramp as ended by a rollback. */
    public synchronized void rolledBack(String routeId, String reason) {
        Ramp ramp = ramps.get(routeId);
        if (ramp != null && ramp.live()) {
            ramp.state = State.ROLLED_BACK;
            ramp.reason = reason;
            save(ramp);
        }
    }

    public Optional<RampStatus> status(String routeId) {
        Ramp ramp = ramps.get(routeId);
        synchronized (this) {
            return Optional.ofNullable(ramp).map(this::status);
        }
    }

    private RampStatus status(Ramp ramp) {
        return new RampStatus(ramp.routeId, ramp.state, ramp.step, ramp.state == State.ROLLED_BACK ? 0
                : current(ramp), ramp.reason);
    }

    private synchronized void checkAll() {
        for (Ramp ramp : ramps.values()) {
            try {
                check(ramp);
            } catch (RuntimeException e) {
                if (timer.isShutdown()) {
                    // stopping is not a reason to end a ramp: the next start under this instance id resumes it
                    LOGGER.info("Ramp of route {} interrupted by shutdown at step {}", ramp.routeId, ramp.step + 1);
                    return;
                }
                LOGGER.error("Ramp of route {} failed its check; aborting it", ramp.routeId, e);
                ramp.state = State.ABORTED;
                ramp.reason = "internal error: " + e.getMessage();
                saveQuietly(ramp);
            }
        }
    }

    private void check(Ramp ramp) {
        if (ramp.state != State.RUNNING && ramp.state != State.WAITING) {
            return;
        }
        if (!engine.table().hasRoute(ramp.routeId)) {
            ramp.state = State.ABORTED;
            ramp.reason = "route removed";
            save(ramp);
            return;
        }
        Ending elsewhere = changedElsewhere(ramp);
        if (elsewhere != null) {
            // seen twice in a row: one sighting may be this instance's own older record replayed from the topic
            if (++ramp.changedElsewhereChecks >= 2) {
                ramp.state = elsewhere.state();
                ramp.reason = elsewhere.reason();
                save(ramp);
                events.emit(RouterEventType.RAMP_ABORTED, ramp.routeId, null, current(ramp), ramp.reason, null);
            }
            return;
        }
        ramp.changedElsewhereChecks = 0;
        if (ramp.state == State.WAITING) {
            String waiting = consistencyWait(ramp.plan.gates());
            if (waiting != null) {
                ramp.reason = waiting;
                return;
            }
            ramp.state = State.RUNNING;
            enterStep(ramp, 0);
            return;
        }
        ramp.candidate = ramp.candidate.plus(gateStats.take(ramp.routeId, Side.CANDIDATE, ramp.stepStartedEpochMillis));
        ramp.stable = ramp.stable.plus(gateStats.take(ramp.routeId, Side.STABLE, ramp.stepStartedEpochMillis));
        String breach = breach(ramp.plan.gates(), ramp.candidate, ramp.stable);
        if (breach != null) {
            ramp.state = State.ROLLED_BACK;
            ramp.reason = breach;
            save(ramp);
            events.emit(RouterEventType.GATE_BREACH, ramp.routeId, null, current(ramp), breach, null);
            actions.gateRollback(ramp.routeId, "gate breached: " + breach);
            return;
        }
        long held = System.nanoTime() - ramp.stepStartedNanos;
        if (held < TimeUnit.MILLISECONDS.toNanos(ramp.plan.stepIntervalMs())) {
            return;
        }
        if (ramp.step + 1 >= ramp.plan.steps().size()) {
            ramp.state = State.COMPLETED;
            ramp.reason = "all steps held";
            save(ramp);
            events.emit(RouterEventType.RAMP_COMPLETED, ramp.routeId, null, current(ramp), ramp.reason, null);
            return;
        }
        enterStep(ramp, ramp.step + 1);
    }

    /** How and why a ramp ends. */
    private record Ending(State state, String reason) {
    }

    /**
     * How the ramp must end because the route no longer is what the ramp made it, or null: another instance (or the
     * topic) rolled it back or set its weight since the ramp's last step, and going on would undo that operator's
     * decision at the next step. A ramp still waiting has set nothing yet, so nothing can have changed under it.
     */
    private Ending changedElsewhere(Ramp ramp) {
        if (ramp.state != State.RUNNING || ramp.step < 0) {
            return null;
        }
        io.strangler.router.RouteSpec route = engine.table().route(ramp.routeId);
        if (route.rolledBack()) {
            return new Ending(State.ROLLED_BACK, "route rolled back elsewhere");
        }
        if (route.weight() != ramp.plan.steps().get(ramp.step)) {
            return new Ending(State.ABORTED, "route weight set to " + route.weight() + " elsewhere");
        }
        return null;
    }

    private void enterStep(Ramp ramp, int step) {
        ramp.step = step;
        ramp.stepStartedNanos = System.nanoTime();
        ramp.stepStartedEpochMillis = System.currentTimeMillis();
        ramp.candidate = SideStats.Window.EMPTY;
        ramp.stable = SideStats.Window.EMPTY;
        // the previous step's traffic is not this step's
        gateStats.take(ramp.routeId, Side.CANDIDATE, Long.MAX_VALUE);
        gateStats.take(ramp.routeId, Side.STABLE, Long.MAX_VALUE);
        double weight = ramp.plan.steps().get(step);
        ramp.reason = "step " + (step + 1) + "/" + ramp.plan.steps().size();
        // checkpoint first: an instance that dies before the weight change resumes by making it (see resume)
        save(ramp);
        actions.stepWeight(ramp.routeId, weight);
        events.emit(RouterEventType.RAMP_STEP, ramp.routeId, null, weight, ramp.reason, null);
    }

    private void save(Ramp ramp) {
        checkpoints.accept(ramp.routeId, new RampCheckpoint(owner, ramp.plan, ramp.state, ramp.step,
                ramp.stepStartedEpochMillis, TimeUnit.NANOSECONDS.toMillis(ramp.pausedElapsedNanos), ramp.reason));
    }

    /** On a path that is already failing: a checkpoint that cannot be written is logged, not thrown. */
    private void saveQuietly(Ramp ramp) {
        try {
            save(ramp);
        } catch (RuntimeException e) {
            LOGGER.error("Cannot save the checkpoint of the ramp of route {}", ramp.routeId, e);
        }
    }

    /** Why a ramp may not move its first traffic yet, or null when the consistency gate is open (or off). */
    private String consistencyWait(HealthGates gates) {
        if (gates.minConsistencyPercent() <= 0) {
            return null;
        }
        Optional<ConsistencyFeed.Reading> reading = consistency.get();
        if (reading.isEmpty()) {
            return String.format("waiting for consistency >= %.2f%%: no consistency status seen yet",
                    gates.minConsistencyPercent());
        }
        if (reading.get().percent() < gates.minConsistencyPercent()) {
            return String.format("waiting for consistency >= %.2f%%: consistency is %.2f%%",
                    gates.minConsistencyPercent(), reading.get().percent());
        }
        return null;
    }

    private String breach(HealthGates gates, SideStats.Window candidate, SideStats.Window stable) {
        if (gates.minConsistencyPercent() > 0) {
            // the latest value is kept once seen, so a running ramp always has one
            Optional<ConsistencyFeed.Reading> reading = consistency.get();
            if (reading.isPresent() && reading.get().percent() < gates.minConsistencyPercent()) {
                return String.format("consistency %.2f%% < %.2f%%", reading.get().percent(),
                        gates.minConsistencyPercent());
            }
        }
        if (candidate.requests() < gates.minRequests()) {
            return null;
        }
        double limit = stable.errorRate() + gates.maxErrorRateIncrease();
        if (candidate.errorRate() > limit) {
            return String.format("candidate error rate %.4f > stable %.4f + %.4f (%d/%d requests)",
                    candidate.errorRate(), stable.errorRate(), gates.maxErrorRateIncrease(), candidate.errors(),
                    candidate.requests());
        }
        if (stable.requests() >= gates.minRequests()
                && candidate.p99Micros() > stable.p99Micros() * gates.maxP99Ratio() + 1_000) {
            return String.format("candidate p99 %d us > %.1f x stable p99 %d us + 1 ms", candidate.p99Micros(),
                    gates.maxP99Ratio(), stable.p99Micros());
        }
        return null;
    }

    /** The weight the ramp has set; before its first step, the route's weight as it was. */
    private double current(Ramp ramp) {
        if (ramp.step >= 0) {
            return ramp.plan.steps().get(ramp.step);
        }
        return engine.table().hasRoute(ramp.routeId) ? engine.table().route(ramp.routeId).weight() : 0;
    }

    private Ramp require(String routeId) {
        Ramp ramp = ramps.get(routeId);
        if (ramp == null) {
            throw new IllegalArgumentException("route " + routeId + " has no ramp");
        }
        return ramp;
    }

    @Override
    public void close() {
        // a check under way finishes (its publishes have their own timeout) rather than stopping half-way
        timer.shutdown();
        try {
            if (!timer.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
