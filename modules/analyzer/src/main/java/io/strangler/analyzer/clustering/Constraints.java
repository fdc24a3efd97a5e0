package io.strangler.analyzer.clustering;

import io.strangler.analyzer.evidence.TableName;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the user knows better than the evidence.
 *
 * @param together  groups of tables that must end up in one service ({@code --pin orders,order_items})
 * @param apart     groups of tables no two of which may share a service ({@code --apart orders,products})
 * @param fixed     tables assigned to a named service; tables with the same name are kept together, tables with
 *                  different names apart, and the service keeps that name
 * @param minTables fewer tables than this and a service is merged into its most connected neighbour (1 = off)
 * @param maxTables more tables than this and a service is split further (0 = no limit)
 */
public record Constraints(List<Set<TableName>> together, List<Set<TableName>> apart, Map<TableName, String> fixed,
        int minTables, int maxTables) {

    public static final Constraints NONE = new Constraints(List.of(), List.of(), Map.of(), 1, 0);

    public Constraints {
        together = together.stream().map(Set::copyOf).toList();
        apart = apart.stream().map(Set::copyOf).toList();
        fixed = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(fixed, "fixed")));
        if (minTables < 1) {
            throw new IllegalArgumentException("minTables must be at least 1, was " + minTables);
        }
        if (maxTables < 0) {
            throw new IllegalArgumentException("maxTables must be 0 (no limit) or positive, was " + maxTables);
        }
        if (maxTables > 0 && maxTables < minTables) {
            throw new IllegalArgumentException("maxTables (" + maxTables + ") must not be below minTables (" + minTables + ")");
        }
        for (Set<TableName> group : apart) {
            if (group.size() < 2) {
                throw new IllegalArgumentException("an apart constraint needs at least two tables, got " + group);
            }
        }
    }

    public Constraints withTogether(Set<TableName> tables) {
        List<Set<TableName>> more = new java.util.ArrayList<>(together);
        more.add(tables);
        return new Constraints(more, apart, fixed, minTables, maxTables);
    }

    public Constraints withApart(Set<TableName> tables) {
        List<Set<TableName>> more = new java.util.ArrayList<>(apart);
        more.add(tables);
        return new Constraints(together, more, fixed, minTables, maxTables);
    }

    public Constraints withFixed(TableName table, String service) {
        Map<TableName, String> more = new TreeMap<>(fixed);
        more.put(table, service);
        return new Constraints(together, apart, more, minTables, maxTables);
    }

    public Constraints withSizeLimits(int min, int max) {
        return new Constraints(together, apart, fixed, min, max);
    }

    /** Every table a constraint names, to check them against the catalogue. */
    public Set<TableName> tables() {
        Set<TableName> all = new java.util.TreeSet<>(fixed.keySet());
        together.forEach(all::addAll);
        apart.forEach(all::addAll);
        return all;
    }
}
