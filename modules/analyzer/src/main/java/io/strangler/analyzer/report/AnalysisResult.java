package io.strangler.analyzer.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one analysis produced: the recommended decomposition, alternatives at other granularities, what
 * evidence it stood on, and notes (messages about the inputs) for the user.
 *
 * @param runId        identifies this analysis, also the event's key
 * @param database     what was analysed, e.g. {@code jdbc:postgresql://host:5432/shop} (no credentials)
 * @param alternatives coarser and finer decompositions, fewest services first
 */
public record AnalysisResult(String runId, Instant createdAt, String database, EvidenceSummary evidence,
        List<String> notes, Decomposition recommended, List<Decomposition> alternatives) {

    public AnalysisResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(database, "database");
        notes = List.copyOf(notes);
        alternatives = List.copyOf(alternatives);
    }

    /** The recommended decomposition first, then the alternatives. */
    public List<Decomposition> decompositions() {
        List<Decomposition> all = new java.util.ArrayList<>();
        all.add(recommended);
        all.addAll(alternatives);
        return all;
    }
}
