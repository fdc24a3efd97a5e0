package io.strangler.router;

/**
 * Where a ramp stands.
 *
 * @param step   index into the plan's steps of the current weight; -1 before the first step
 * @param reason last transition's cause (e.g. the breached gate)
 */
public record RampStatus(String routeId, State state, int step, double weight, String reason) {

    public enum State { RUNNING, PAUSED, COMPLETED, ABORTED, ROLLED_BACK }
}
