package io.strangler.analyzer.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far two partitions of the same items agree: the adjusted Rand index (Hubert and Arabie 1985), 1 for identical
 * partitions, about 0 for a random one, negative for worse than random. Used to score the analyzer against a
 * known-good split.
 */
public final class PartitionAgreement {

    private PartitionAgreement() {
    }

    /** @param a, b the label of each item, in the same item order */
    public static <A, B> double adjustedRandIndex(List<A> a, List<B> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("both partitions must label the same items: " + a.size() + " vs " + b.size());
        }
        int n = a.size();
        if (n < 2) {
            return 1.0;
        }
        Map<List<Object>, Integer> cells = new HashMap<>();
        Map<A, Integer> rows = new HashMap<>();
        Map<B, Integer> columns = new HashMap<>();
        for (int i = 0; i < n; i++) {
            A x = Objects.requireNonNull(a.get(i), "label");
            B y = Objects.requireNonNull(b.get(i), "label");
            cells.merge(List.of(x, y), 1, Integer::sum);
            rows.merge(x, 1, Integer::sum);
            columns.merge(y, 1, Integer::sum);
        }
        double index = cells.values().stream().mapToDouble(PartitionAgreement::pairs).sum();
        double rowPairs = rows.values().stream().mapToDouble(PartitionAgreement::pairs).sum();
        double columnPairs = columns.values().stream().mapToDouble(PartitionAgreement::pairs).sum();
        double expected = rowPairs * columnPairs / pairs(n);
        double max = (rowPairs + columnPairs) / 2;
        if (max == expected) {
            return 1.0; // both partitions trivial in the same way (all singletons or one block)
        }
        return (index - expected) / (max - expected);
    }

    private static double pairs(int count) {
        return count * (count - 1) / 2.0;
    }
}
