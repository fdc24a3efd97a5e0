package io.strangler.analyzer.clustering;

import io.strangler.analyzer.graph.Edge;
import io.strangler.analyzer.graph.TableGraph;

/** Newman's weighted modularity Q = Σ_c [ w_in(c)/m − (s_c / 2m)² ], in [-1/2, 1); 0 for a graph without edges. */
public final class Modularity {

    private Modularity() {
    }

    public static double of(TableGraph graph, Partition partition) {
        double m = graph.totalWeight();
        if (m <= 0) {
            return 0;
        }
        double[] inside = new double[partition.services()];
        double[] strength = new double[partition.services()];
        for (Edge edge : graph.edges()) {
            int a = partition.serviceOf(graph.indexOf(edge.a()));
            int b = partition.serviceOf(graph.indexOf(edge.b()));
            if (a == b) {
                inside[a] += edge.weight();
            }
        }
        for (int i = 0; i < graph.size(); i++) {
            strength[partition.serviceOf(i)] += graph.strength(i);
        }
        double q = 0;
        for (int c = 0; c < inside.length; c++) {
            double share = strength[c] / (2 * m);
            q += inside[c] / m - share * share;
        }
        return q;
    }
}
