package io.strangler.router;

/**
 * Conditions a ramp needs to keep going, comparing the candidate with the stable side over the current step.
 *
 * @param maxErrorRateIncrease   candidate 5xx rate may exceed the stable rate by at most this (0.01 = 1 point)
 * @param maxP99Ratio            candidate p99 latency may be at most this multiple of the stable p99 (plus 1 ms)
 * @param minRequests            candidate requests needed in a step before latency and error gates are judged
 * @param minConsistencyPercent  consistency percentage from strangler.consistency.status must be at least this;
 *                               0 disables the gate
 */
public record HealthGates(double maxErrorRateIncrease, double maxP99Ratio, long minRequests,
        double minConsistencyPercent) {

    public HealthGates {
        RouteConfigException.require(maxErrorRateIncrease >= 0 && maxErrorRateIncrease <= 1,
                "gates.maxErrorRateIncrease", "must be in 0..1");
        RouteConfigException.require(maxP99Ratio >= 1, "gates.maxP99Ratio", "must be >= 1");
        RouteConfigException.require(minRequests >= 1, "gates.minRequests", "must be >= 1");
        RouteConfigException.require(minConsistencyPercent >= 0 && minConsistencyPercent <= 100,
                "gates.minConsistencyPercent", "must be in 0..100");
    }

    public static HealthGates defaults() {
        return new HealthGates(0.01, 2.0, 20, 0);
    }
}
