package io.strangler.analyzer.metrics;

import io.strangler.analyzer.clustering.Modularity;
import io.strangler.analyzer.clustering.Partition;
import io.strangler.analyzer.evidence.ForeignKeyLink;
import io.strangler.analyzer.evidence.QueryPattern;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.TransactionPattern;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.graph.TableGraph;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Computes {@link PartitionMetrics} for a partition of the graph's tables. */
public final class MetricsCalculator {

    /** The literature's NED counts 5..20 classes per service as non-extreme; services hold fewer tables than classes. */
    public static final int NED_MIN = 2;
    public static final int NED_MAX = 20;

    private MetricsCalculator() {
    }

    public static PartitionMetrics of(TableGraph graph, Partition partition, SchemaEvidence schema,
            WorkloadEvidence workload) {
        int k = partition.services();
        List<TableName> tables = graph.tables();
        int[] sizes = new int[k];
        for (int i = 0; i < graph.size(); i++) {
            sizes[partition.serviceOf(i)]++;
        }
        // foreign keys: cross-service count and structural modularity
        int foreignKeys = 0;
        int cross = 0;
        double[] internal = new double[k];
        double[][] between = new double[k][k];
        Set<Integer> reached = new HashSet<>();
        for (ForeignKeyLink fk : schema.foreignKeys()) {
            if (fk.selfReference() || !graph.contains(fk.from()) || !graph.contains(fk.to())) {
                continue;
            }
            foreignKeys++;
            int a = partition.serviceOf(graph.indexOf(fk.from()));
            int b = partition.serviceOf(graph.indexOf(fk.to()));
            if (a == b) {
                internal[a]++;
            } else {
                cross++;
                between[Math.min(a, b)][Math.max(a, b)]++;
                reached.add(graph.indexOf(fk.to()));
                reached.add(graph.indexOf(fk.from()));
            }
        }
        double cohesion = 0;
        for (int s = 0; s < k; s++) {
            cohesion += internal[s] / ((double) sizes[s] * sizes[s]);
        }
        double coupling = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                coupling += between[a][b] / (2.0 * sizes[a] * sizes[b]);
            }
        }
        double sm = k == 0 ? 0 : cohesion / k - (k > 1 ? coupling / (k * (k - 1) / 2.0) : 0);

        // queries
        long calls = 0;
        long crossingCalls = 0;
        for (QueryPattern query : workload.queries()) {
            calls += query.calls();
            if (spans(graph, partition, query.tables(), reached)) {
                crossingCalls += query.calls();
            }
        }
        double icp = calls == 0 ? 0 : 100.0 * crossingCalls / calls;

        // transactions
        long transactions = 0;
        long distributed = 0;
        for (TransactionPattern tx : workload.transactions()) {
            transactions += tx.count();
            if (spans(graph, partition, tx.tables(), reached)) {
                distributed += tx.count();
            }
        }
        double nonDistributed = transactions == 0 ? 100 : 100.0 * (transactions - distributed) / transactions;

        double ifn = k == 0 ? 0 : (double) reached.size() / k;
        int extreme = 0;
        for (int size : sizes) {
            if (size < NED_MIN || size > NED_MAX) {
                extreme += size;
            }
        }
        double ned = tables.isEmpty() ? 0 : (double) extreme / tables.size();
        return new PartitionMetrics(k, Modularity.of(graph, partition), sm, foreignKeys, cross, icp, 100 - icp, ifn, ned,
                nonDistributed);
    }

    /** Whether the tables fall into more than one service; if so their tables count as reached from outside. */
    private static boolean spans(TableGraph graph, Partition partition, List<TableName> tables, Set<Integer> reached) {
        Set<Integer> services = new HashSet<>();
        for (TableName table : tables) {
            if (graph.contains(table)) {
                services.add(partition.serviceOf(graph.indexOf(table)));
            }
        }
        if (services.size() <= 1) {
            return false;
        }
        for (TableName table : tables) {
            if (graph.contains(table)) {
                reached.add(graph.indexOf(table));
            }
        }
        return true;
    }
}
