package io.strangler.analyzer.graph;

import io.strangler.analyzer.evidence.TableName;
import java.util.Map;
import java.util.Objects;

/**
 * An undirected weighted edge; {@code a} sorts before {@code b}.
 *
 * @param byKind what each kind of evidence contributes to {@link #weight}, after weighting and scaling
 */
public record Edge(TableName a, TableName b, double weight, Map<EvidenceKind, Double> byKind) {

    public Edge {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        byKind = Map.copyOf(byKind);
    }

    public double weight(EvidenceKind kind) {
        return byKind.getOrDefault(kind, 0.0);
    }

    /** The kind that contributes most, for "why together" explanations. */
    public EvidenceKind strongestKind() {
        return byKind.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(EvidenceKind.FOREIGN_KEY);
    }
}
