package io.strangler.validator;

import java.util.List;
import java.util.Objects;

/**
 * The comparison of one mapped table.
 *
 * @param mapping           the mapping's name
 * @param monolithTable     {@code schema.table} on the monolith
 * @param serviceTable      {@code schema.table} on the service
 * @param mode              {@link ValidationMode#CHECKSUM} or {@link ValidationMode#MERGE}, as used
 * @param monolithRows      rows on the monolith side
 * @param serviceRows       rows on the service side
 * @param matchingRows      keys on both sides with equal canonical rows
 * @param missingOnService  keys only on the monolith
 * @param missingOnMonolith keys only on the service
 * @param differingRows     keys on both sides with different canonical rows
 * @param discrepancies     the discrepancies in segment and key order, at most the configured detail limit
 * @param detailsTruncated  whether more discrepancies were counted than listed
 * @param segments          top-level segments compared
 * @param rowsMerged        rows (both sides) streamed into the JVM; in checksum mode, the rows of differing segments
 * @param orphans           what the foreign-key check found; its sample rows are among {@code discrepancies}, after
 *                          the ordinary ones
 */
public record TableValidation(String mapping, String monolithTable, String serviceTable, ValidationMode mode,
                              long monolithRows, long serviceRows, long matchingRows, long missingOnService,
                              long missingOnMonolith, long differingRows, List<Discrepancy> discrepancies,
                              boolean detailsTruncated, int segments, long rowsMerged,
                              OrphanCounts orphans) {

    public TableValidation {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(mode, "mode");
        discrepancies = List.copyOf(discrepancies);
        orphans = orphans == null ? OrphanCounts.NOT_CHECKED : orphans;
    }

    /** All keys seen on either side. */
    public long distinctKeys() {
        return matchingRows + missingOnService + missingOnMonolith + differingRows;
    }

    /** Keys on which the sides disagree, plus orphan rows on either side. */
    public long discrepancyCount() {
        return missingOnService + missingOnMonolith + differingRows + orphans.total();
    }

    /**
     * Matching keys as a percentage of distinct keys; 100 when both sides are empty. Orphans do not lower it: it
     * measures agreement between the sides, and an orphan present on both sides agrees.
     */
    public double consistencyPercent() {
        long keys = distinctKeys();
        return keys == 0 ? 100.0 : 100.0 * matchingRows / keys;
    }
}
