package io.strangler.api;

import java.time.Instant;

/**
 * The consistency percentage crossed the alert threshold of a {@link ContinuousValidation}: fell below it
 * ({@code raised}) or came back to it.
 *
 * @param percent           overall consistency at the auditor's status, {@code 100 × (tracked − open) / tracked}
 * @param openDiscrepancies rows that have disagreed for longer than the grace period
 */
public record ConsistencyAlert(boolean raised, double percent, double thresholdPercent, long openDiscrepancies,
        Instant at) {

    /** Receives alerts on the validation's own thread; keep it short and do not block. */
    @FunctionalInterface
    public interface Listener {

        /** The percentage fell below the threshold ({@code alert.raised()}) or recovered. */
        void onAlert(ConsistencyAlert alert);
    }
}
