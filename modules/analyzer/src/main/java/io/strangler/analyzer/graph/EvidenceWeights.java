package io.strangler.analyzer.graph;

/**
 * How much each kind of evidence counts. Each kind's edges are scaled so that a weight of 1 gives the kind as much
 * total edge weight as the foreign keys have (one unit per foreign key), so the weights compare kinds, not raw
 * frequencies: a log of a million statements does not drown the schema, and an idle log does not vanish.
 * <pre>{@code
 * EvidenceWeights.DEFAULT                       // fk 1, naming 0.25, query 1, transaction 1
 * EvidenceWeights.DEFAULT.only(EvidenceKind.FOREIGN_KEY)   // foreign keys alone
 * }</pre>
 */
public record EvidenceWeights(double foreignKey, double naming, double query, double transaction) {

    public static final EvidenceWeights DEFAULT = new EvidenceWeights(1.0, 0.25, 1.0, 1.0);

    public EvidenceWeights {
        check("foreignKey", foreignKey);
        check("naming", naming);
        check("query", query);
        check("transaction", transaction);
    }

    public double of(EvidenceKind kind) {
        return switch (kind) {
            case FOREIGN_KEY -> foreignKey;
            case NAMING -> naming;
            case QUERY -> query;
            case TRANSACTION -> transaction;
        };
    }

    /** These weights with every kind not named set to 0. */
    public EvidenceWeights only(EvidenceKind... kinds) {
        java.util.Set<EvidenceKind> keep = java.util.EnumSet.noneOf(EvidenceKind.class);
        keep.addAll(java.util.List.of(kinds));
        return new EvidenceWeights(keep.contains(EvidenceKind.FOREIGN_KEY) ? foreignKey : 0,
                keep.contains(EvidenceKind.NAMING) ? naming : 0, keep.contains(EvidenceKind.QUERY) ? query : 0,
                keep.contains(EvidenceKind.TRANSACTION) ? transaction : 0);
    }

    private static void check(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("evidence weight " + name + " must be a finite number >= 0, was " + value);
        }
    }
}
