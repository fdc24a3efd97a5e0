package io.strangler.consistency.internal;

/**
 * Row counts of one mapping in one audit partition (or summed). Every tracked row is in exactly one of agreement,
 * pending and open.
 */
public record Counts(long agreement, long pending, long open) {

    public static final Counts ZERO = new Counts(0, 0, 0);

    public long tracked() {
        return agreement + pending + open;
    }

    /** 100 * (tracked - open) / tracked; 100 when nothing is tracked. */
    public double percent() {
        long tracked = tracked();
        return tracked == 0 ? 100.0 : 100.0 * (tracked - open) / tracked;
    }

    public Counts plus(Counts other) {
        return new Counts(agreement + other.agreement, pending + other.pending, open + other.open);
    }

    Counts add(RowClass rowClass, int delta) {
        return switch (rowClass) {
            case ABSENT -> this;
            case AGREEMENT -> new Counts(agreement + delta, pending, open);
            case PENDING -> new Counts(agreement, pending + delta, open);
            case OPEN -> new Counts(agreement, pending, open + delta);
        };
    }
}
