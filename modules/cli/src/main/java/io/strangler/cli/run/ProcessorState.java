package io.strangler.cli.run;

/**
 * The one lifecycle every processor reports the same way, whatever its own states are: in the log on every change,
 * on {@code /health}, and to Kubernetes probes (live unless FAILED, ready only when RUNNING).
 */
public enum ProcessorState {
    /** Connecting, snapshotting, or waiting for its first partition assignment. */
    STARTING,
    /** Doing its work. */
    RUNNING,
    /** Running but impaired and retrying on its own: a database or broker lost, a rebalance under way. */
    DEGRADED,
    /** Stop requested; finishing or rolling back the work in flight. */
    STOPPING,
    /** Stopped cleanly. */
    STOPPED,
    /** Stopped by an error retrying cannot fix; the process exits with 1. */
    FAILED;

    boolean live() {
        return this != FAILED;
    }

    boolean ready() {
        return this == RUNNING;
    }
}
