package io.strangler.replicate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals of a replicate stage, for status lines and tests. Under exactly-once a transaction that is aborted
 * and re-processed counts its records again, so these are "processed", not "committed", figures.
 */
public final class ReplicateCounters {

    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /** Change records read. */
    public long changes() {
        return changes.get();
    }

    /** Apply commands produced. */
    public long commands() {
        return commands.get();
    }

    /** Records dead-lettered (undecodable or untranslatable). */
    public long deadLetters() {
        return deadLetters.get();
    }

    /** Records ignored (tombstones). */
    public long skipped() {
        return skipped.get();
    }

    public void recordChange() {
        changes.incrementAndGet();
    }

    public void recordCommand() {
        commands.incrementAndGet();
    }

    public void recordDeadLetter() {
        deadLetters.incrementAndGet();
    }

    public void recordSkipped() {
        skipped.incrementAndGet();
    }

    @Override
    public String toString() {
        return "changes=" + changes() + ", commands=" + commands() + ", deadLetters=" + deadLetters();
    }
}
