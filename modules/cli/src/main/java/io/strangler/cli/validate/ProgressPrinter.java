package io.strangler.cli.validate;

import io.strangler.validator.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints progress to the error stream at most once a second, and always for a table's last segment. */
final class ProgressPrinter implements ProgressListener {

    private final PrintWriter err;
    private long lastNanos;

    ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        long now = System.nanoTime();
        if (p.segmentsDone() < p.segments() && now - lastNanos < 1_000_000_000L) {
            return;
        }
        lastNanos = now;
        String eta = p.eta().map(d -> d.toSeconds() + " s").orElse("?");
        err.printf(Locale.ROOT, "%s: %d/%d segments, %,d rows, %,.0f rows/s, ETA %s%n", p.mapping(), p.segmentsDone(),
                p.segments(), p.rowsDone(), p.rowsPerSecond(), eta);
        err.flush();
    }
}
