package io.strangler.router.internal;

import io.strangler.router.RampPlan;
import io.strangler.router.RampStatus.State;

/**
 * What a ramp needs to go on after the instance running it restarts, kept on the routes topic as {@code ramp:<route>}:
 * the plan, where it is, and since when (wall clock, so a restarted process can tell how long the step has held). The
 * gate statistics are not kept: they are this process's traffic, and a resumed step judges its gates anew.
 *
 * @param owner                  the instance id running the ramp; only an instance of that id resumes it
 * @param step                   index into the plan's steps, -1 while waiting for the consistency gate
 * @param stepStartedEpochMillis when the current step began (after pauses: as if it had not paused)
 * @param pausedElapsedMillis    how long the step had held when it was paused
 */
public record RampCheckpoint(String owner, RampPlan plan, State state, int step, long stepStartedEpochMillis,
        long pausedElapsedMillis, String reason) {

    boolean live() {
        return state == State.WAITING || state == State.RUNNING || state == State.PAUSED;
    }
}
