package io.strangler.router;

/**
 * Where a ramp stands.
 *
 * @param step   index into the plan's steps of the current weight; -1 before the first step (while WAITING, or
 *               PAUSED from WAITING)
 * @param weight the weight the ramp has set; before the first step the route's weight
 * @param reason last transition's cause (e.g. the breached gate)
 */
public record RampStatus(String routeId, State state, int step, double weight, String reason) {

    /**
     * {@code WAITING}: started but no traffic moved yet, because the consistency gate is not satisfied (no status
     * seen yet, or the percentage is below the threshold); it enters its first step as soon as it is.
     */
    public enum State { WAITING, RUNNING, PAUSED, COMPLETED, ABORTED, ROLLED_BACK }
}
