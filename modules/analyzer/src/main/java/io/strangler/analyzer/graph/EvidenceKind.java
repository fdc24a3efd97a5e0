package io.strangler.analyzer.graph;

/** The kinds of evidence that weigh an edge between two tables. */
public enum EvidenceKind {
    /** A foreign key between them. */
    FOREIGN_KEY("foreign key"),
    /** Their names share a stem ({@code orders}, {@code order_items}): weak, but all a schema without keys offers. */
    NAMING("naming"),
    /** Statements touch both (joins, subqueries, CTEs, INSERT ... SELECT), weighted by how often they run. */
    QUERY("co-access"),
    /** Committed transactions write both. */
    TRANSACTION("co-write");

    private final String label;

    EvidenceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
