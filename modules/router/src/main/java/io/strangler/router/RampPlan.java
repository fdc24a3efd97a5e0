package io.strangler.router;

import java.util.List;

/**
 * A gradual ramp of a route's candidate weight: each step holds for {@code stepIntervalMs} and advances only while
 * the health gates hold; a breached gate rolls the route back.
 *
 * <pre>{@code
 * new RampPlan(List.of(1.0, 5.0, 25.0, 50.0, 100.0), 60_000, HealthGates.defaults())
 * }</pre>
 */
public record RampPlan(List<Double> steps, long stepIntervalMs, HealthGates gates) {

    public RampPlan {
        RouteConfigException.require(steps != null && !steps.isEmpty(), "ramp.steps", "at least one step is required");
        steps = List.copyOf(steps);
        double previous = 0;
        for (double step : steps) {
            RouteConfigException.require(step > previous && step <= 100, "ramp.steps",
                    "must rise strictly within (0, 100], got " + steps);
            previous = step;
        }
        RouteConfigException.require(stepIntervalMs >= 10, "ramp.stepIntervalMs", "must be >= 10 ms");
        gates = gates == null ? HealthGates.defaults() : gates;
    }
}
