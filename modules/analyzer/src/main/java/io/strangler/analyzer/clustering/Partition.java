package io.strangler.analyzer.clustering;

import io.strangler.analyzer.evidence.TableName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An assignment of the graph's tables (by index) to services 0..n-1, numbered by decreasing size then first table,
 * so that equal partitions compare equal.
 */
public final class Partition {

    private final int[] assignment;
    private final int services;

    public Partition(int[] assignment) {
        this.assignment = canonical(assignment);
        this.services = Arrays.stream(this.assignment).max().orElse(-1) + 1;
    }

    public int serviceOf(int table) {
        return assignment[table];
    }

    public int services() {
        return services;
    }

    public int size() {
        return assignment.length;
    }

    public int[] assignment() {
        return assignment.clone();
    }

    /** Table indexes per service. */
    public List<List<Integer>> members() {
        List<List<Integer>> members = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < assignment.length; i++) {
            members.get(assignment[i]).add(i);
        }
        return members;
    }

    public Map<Integer, TreeSet<TableName>> tables(List<TableName> tables) {
        Map<Integer, TreeSet<TableName>> byService = new LinkedHashMap<>();
        for (int s = 0; s < services; s++) {
            byService.put(s, new TreeSet<>());
        }
        for (int i = 0; i < assignment.length; i++) {
            byService.get(assignment[i]).add(tables.get(i));
        }
        return byService;
    }

    private static int[] canonical(int[] raw) {
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < raw.length; i++) {
            groups.computeIfAbsent(raw[i], k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> ordered = new ArrayList<>(groups.values());
        ordered.sort((x, y) -> x.size() != y.size() ? Integer.compare(y.size(), x.size()) : Integer.compare(x.get(0), y.get(0)));
        int[] result = new int[raw.length];
        for (int s = 0; s < ordered.size(); s++) {
            for (int i : ordered.get(s)) {
                result[i] = s;
            }
        }
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partition other && Arrays.equals(assignment, other.assignment);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(assignment);
    }

    @Override
    public String toString() {
        return "Partition" + Arrays.toString(assignment);
    }
}
