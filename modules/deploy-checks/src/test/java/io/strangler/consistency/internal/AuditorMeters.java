package io.strangler.consistency.internal;

import org.apache.kafka.streams.StreamsMetrics;

/**
 * Registers the consistency auditor's gauges as its status processor does, and records one status, for the deploy checks: in the
 * auditor's package because {@link ConsistencyMetrics} is internal to it.
 */
public final class AuditorMeters {

    private AuditorMeters() {
    }

    /** The gauges after one status (before it the percentage is NaN, which /metrics leaves out). */
    public static void registerAfterOneStatus(StreamsMetrics metrics, String taskId) {
        new ConsistencyMetrics(metrics, taskId).record(new Counts(1, 0, 0), false);
    }
}
