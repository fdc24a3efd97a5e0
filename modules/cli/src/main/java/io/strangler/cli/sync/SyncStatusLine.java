package io.strangler.cli.sync;

import io.strangler.core.mapping.Side;
import io.strangler.sync.SyncPipeline;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns successive {@link SyncPipeline.Status} snapshots into one terminal line: changes/s and commit → commit lag
 * each way over the last interval, conflicts by kind, dead letters and the parts' states.
 */
public final class SyncStatusLine {

    private SyncPipeline.Status previous;
    private long previousNanos;

    /** The line for {@code current}, measured against the previous call's snapshot (or the start). */
    public String next(SyncPipeline.Status current) {
        long now = System.nanoTime();
        double seconds = previous == null ? 0 : Math.max(1e-3, (now - previousNanos) / 1e9);
        String line = way(current, Side.SERVICE, "monolith->service", seconds) + " | "
                + way(current, Side.MONOLITH, "service->monolith", seconds) + " | conflicts "
                + current.conflictsTotal() + conflictKinds(current) + " | dlq " + current.deadLetters() + " | sync "
                + current.syncState() + ", capture " + current.side(Side.MONOLITH).captureState() + "/"
                + current.side(Side.SERVICE).captureState() + ", apply " + current.side(Side.MONOLITH).applyState()
                + "/" + current.side(Side.SERVICE).applyState()
                + (current.lastError() == null || current.lastError().isEmpty() ? ""
                        : " | last error: " + current.lastError());
        previous = current;
        previousNanos = now;
        return line;
    }

    /** Figures of the commands applied into {@code target}, i.e. of the changes flowing towards it. */
    private String way(SyncPipeline.Status current, Side target, String label, double seconds) {
        SyncPipeline.SideStatus now = current.side(target);
        if (previous == null) {
            return String.format(Locale.ROOT, "%s %d applied", label, now.applied());
        }
        SyncPipeline.SideStatus before = previous.side(target);
        double rate = (now.applied() - before.applied()) / seconds;
        long latencies = now.latencyCount() - before.latencyCount();
        String lag = latencies <= 0 ? "-"
                : String.format(Locale.ROOT, "%.0f ms", (now.latencyTotalMillis() - before.latencyTotalMillis()) / latencies);
        return String.format(Locale.ROOT, "%s %.0f/s lag %s (%d applied)", label, rate, lag, now.applied());
    }

    private static String conflictKinds(SyncPipeline.Status current) {
        if (current.conflicts().isEmpty()) {
            return "";
        }
        return current.conflicts().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
