package io.strangler.analyzer.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workload says: which tables statements touch together and which tables transactions write together.
 *
 * @param queries      statements grouped by the tables they touch
 * @param transactions committed transactions grouped by the tables they wrote
 * @param stats        how well the sources could be read
 * @param notes        messages for the user about the sources (a missing extension, an unknown log format ...)
 */
public record WorkloadEvidence(List<QueryPattern> queries, List<TransactionPattern> transactions, ParseStats stats,
        List<String> notes) {

    public static final WorkloadEvidence NONE = new WorkloadEvidence(List.of(), List.of(), ParseStats.EMPTY, List.of());

    public WorkloadEvidence {
        queries = List.copyOf(queries);
        transactions = List.copyOf(transactions);
        notes = List.copyOf(notes);
    }

    public static WorkloadEvidence note(String note) {
        return new WorkloadEvidence(List.of(), List.of(), ParseStats.EMPTY, List.of(note));
    }

    /** Both sources' evidence together; patterns over the same tables are summed. */
    public WorkloadEvidence plus(WorkloadEvidence other) {
        Map<List<TableName>, QueryPattern> q = new HashMap<>();
        for (QueryPattern p : concat(queries, other.queries)) {
            q.merge(p.tables(), p, (a, b) -> new QueryPattern(a.tables(), a.calls() + b.calls(),
                    a.totalMillis() + b.totalMillis(), a.example()));
        }
        Map<List<TableName>, TransactionPattern> t = new HashMap<>();
        for (TransactionPattern p : concat(transactions, other.transactions)) {
            t.merge(p.tables(), p, (a, b) -> new TransactionPattern(a.tables(), a.count() + b.count()));
        }
        return new WorkloadEvidence(sortedQueries(q.values()), sortedTransactions(t.values()), stats.plus(other.stats),
                concat(notes, other.notes));
    }

    /** Without the transactions, e.g. to measure what query evidence alone achieves. */
    public WorkloadEvidence withoutTransactions() {
        return new WorkloadEvidence(queries, List.of(), stats, notes);
    }

    /** Without the queries. */
    public WorkloadEvidence withoutQueries() {
        return new WorkloadEvidence(List.of(), transactions, stats, notes);
    }

    public long totalCalls() {
        return queries.stream().mapToLong(QueryPattern::calls).sum();
    }

    public long totalTransactions() {
        return transactions.stream().mapToLong(TransactionPattern::count).sum();
    }

    static List<QueryPattern> sortedQueries(java.util.Collection<QueryPattern> patterns) {
        return patterns.stream().sorted(java.util.Comparator.comparingLong(QueryPattern::calls).reversed()
                .thenComparing(p -> p.tables().toString())).toList();
    }

    static List<TransactionPattern> sortedTransactions(java.util.Collection<TransactionPattern> patterns) {
        return patterns.stream().sorted(java.util.Comparator.comparingLong(TransactionPattern::count).reversed()
                .thenComparing(p -> p.tables().toString())).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
