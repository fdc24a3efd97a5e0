package io.strangler.validator;

import java.time.Duration;
import java.util.Optional;

/**
 * Receives progress after every finished segment (from worker threads: implementations must be thread-safe).
 * <pre>{@code
 * ValidationOptions options = ValidationOptions.defaults().withProgress(p ->
 *         System.err.printf("%s %.0f rows/s%n", p.mapping(), p.rowsPerSecond()));
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);

    /**
     * @param mapping       the table being compared
     * @param segmentsDone  top-level segments finished for this table
     * @param segments      top-level segments of this table
     * @param rowsDone      rows (both sides) covered so far in this run, all tables
     * @param rowsEstimated rows (both sides) estimated for the whole run
     * @param rowsPerSecond rowsDone over the elapsed time
     */
    record Progress(String mapping, int segmentsDone, int segments, long rowsDone, long rowsEstimated,
                    double rowsPerSecond) {

        /** Remaining estimated rows at the current rate; empty until there is a rate. */
        public Optional<Duration> eta() {
            if (rowsPerSecond <= 0 || rowsEstimated <= 0) {
                return Optional.empty();
            }
            long remaining = Math.max(0, rowsEstimated - rowsDone);
            return Optional.of(Duration.ofMillis((long) (remaining / rowsPerSecond * 1000)));
        }
    }
}
