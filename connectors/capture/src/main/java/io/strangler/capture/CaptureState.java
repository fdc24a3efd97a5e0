package io.strangler.capture;

/**
 * Lifecycle of a {@link CaptureProcessor}. Transitions are compare-and-set, so concurrent start/stop calls cannot
 * both win:
 * <pre>
 * CREATED → STARTING → RUNNING ⇄ RETRYING
 *              ↓          ↓         ↓
 *           STOPPING ←────┴─────────┘ → STOPPED
 * any running state → FAILED (an error that retrying cannot fix, e.g. invalid configuration or dead letters disabled)
 * </pre>
 */
public enum CaptureState {
    /** Constructed, not started. */
    CREATED,
    /** Connecting to the database and Kafka; snapshot or streaming has not begun yet. */
    STARTING,
    /** The connector task runs: snapshotting or streaming. */
    RUNNING,
    /** The database (or Kafka) was lost; the engine is restarted with exponential backoff. */
    RETRYING,
    /** {@link CaptureProcessor#stop()} was called and is shutting the engine down. */
    STOPPING,
    /** Stopped cleanly; offsets of every produced record are committed. */
    STOPPED,
    /** Gave up; see {@link CaptureProcessor#lastError()}. */
    FAILED;

    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
