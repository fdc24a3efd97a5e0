package io.strangler.validator.internal;

import io.strangler.validator.Discrepancy;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts and (up to a limit) details of one compared segment; outcomes of adjacent segments add up with {@link #plus}.
 */
public record SegmentOutcome(long monolithRows, long serviceRows, long matching, long missingOnService,
                             long missingOnMonolith, long differing, List<Discrepancy> details, boolean truncated,
                             long rowsMerged) {

    public static final SegmentOutcome EMPTY = new SegmentOutcome(0, 0, 0, 0, 0, 0, List.of(), false, 0);

    public SegmentOutcome {
        details = List.copyOf(details);
    }

    /** A segment whose checksums agree: {@code rows} matching rows on each side. */
    public static SegmentOutcome matching(long rows) {
        return new SegmentOutcome(rows, rows, rows, 0, 0, 0, List.of(), false, 0);
    }

    public long discrepancies() {
        return missingOnService + missingOnMonolith + differing;
    }

    /** This outcome followed by {@code next}, keeping at most {@code maxDetails} details. */
    public SegmentOutcome plus(SegmentOutcome next, int maxDetails) {
        List<Discrepancy> all = new ArrayList<>(details);
        boolean cut = truncated || next.truncated;
        for (Discrepancy discrepancy : next.details) {
            if (all.size() < maxDetails) {
                all.add(discrepancy);
            } else {
                cut = true;
            }
        }
        return new SegmentOutcome(monolithRows + next.monolithRows, serviceRows + next.serviceRows,
                matching + next.matching, missingOnService + next.missingOnService,
                missingOnMonolith + next.missingOnMonolith, differing + next.differing, all, cut,
                rowsMerged + next.rowsMerged);
    }
}
