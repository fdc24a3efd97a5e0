package io.strangler.analyzer.graph;

import io.strangler.analyzer.evidence.TableName;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The weighted, undirected table graph the clustering works on. Nodes are indexed in table order; edges are sorted by
 * their end points, so everything built from the graph is deterministic.
 */
public final class TableGraph {

    private final List<TableName> tables;
    private final Map<TableName, Integer> index = new HashMap<>();
    private final List<Edge> edges;
    private final double[] strength;
    private final double totalWeight;

    public TableGraph(List<TableName> tables, List<Edge> edges) {
        this.tables = tables.stream().sorted().distinct().toList();
        for (int i = 0; i < this.tables.size(); i++) {
            index.put(this.tables.get(i), i);
        }
        this.edges = edges.stream().filter(e -> e.weight() > 0)
                .sorted(Comparator.comparing(Edge::a).thenComparing(Edge::b)).toList();
        this.strength = new double[this.tables.size()];
        double total = 0;
        for (Edge edge : this.edges) {
            strength[indexOf(edge.a())] += edge.weight();
            strength[indexOf(edge.b())] += edge.weight();
            total += edge.weight();
        }
        this.totalWeight = total;
    }

    public List<TableName> tables() {
        return tables;
    }

    public int size() {
        return tables.size();
    }

    public List<Edge> edges() {
        return edges;
    }

    public int indexOf(TableName table) {
        Integer i = index.get(table);
        if (i == null) {
            throw new IllegalArgumentException("table " + table + " is not in the graph");
        }
        return i;
    }

    public boolean contains(TableName table) {
        return index.containsKey(table);
    }

    /** Sum of the weights of the edges at node {@code i}. */
    public double strength(int i) {
        return strength[i];
    }

    /** Sum of all edge weights, each edge once. */
    public double totalWeight() {
        return totalWeight;
    }
}
