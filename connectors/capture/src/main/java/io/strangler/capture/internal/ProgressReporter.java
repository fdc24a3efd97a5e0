package io.strangler.capture.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides what capture publishes on {@code <prefix>.capture.<source>.progress} after a batch: the source commit time up
 * to which every change is published. A batch with changes moves it to their latest commit time; a batch of heartbeats
 * only (Debezium had nothing else queued: capture is caught up) moves it to the wall clock. At most one record per
 * {@code interval}, and only when it moved: the topic is a watermark, not a log.
 */
public final class ProgressReporter {

    private final Duration interval;
    private long publishedMicros = Long.MIN_VALUE;
    private long publishedAtNanos;

    public ProgressReporter(Duration interval) {
        this.interval = interval;
    }

    /**
     * @param latestCommitMicros the latest source commit time among the batch's changes, or {@link Long#MIN_VALUE}
     * @param idle               the batch held no change and no transaction boundary
     * @param nowMicros          the wall clock
     * @param nowNanos           a monotonic clock, for the interval
     * @return the value to publish, if any
     */
    public Optional<byte[]> next(long latestCommitMicros, boolean idle, long nowMicros, long nowNanos) {
        long progress = idle ? nowMicros : latestCommitMicros;
        boolean due = publishedMicros == Long.MIN_VALUE || nowNanos - publishedAtNanos >= interval.toNanos();
        if (progress == Long.MIN_VALUE || progress <= publishedMicros || !due) {
            return Optional.empty();
        }
        publishedMicros = progress;
        publishedAtNanos = nowNanos;
        return Optional.of(Long.toString(progress).getBytes(StandardCharsets.UTF_8));
    }
}
