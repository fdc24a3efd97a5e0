package io.strangler.analyzer.report;

import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.metrics.PartitionMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way to split the tables into services.
 *
 * @param label      {@code recommended}, {@code coarser} or {@code finer}
 * @param resolution the Leiden resolution that produced it
 * @param services   largest first
 * @param cutEdges   the heaviest edges between services, heaviest first
 * @param links      the edges the diagrams draw (all, or the cut ones and the heaviest when there are very many)
 */
public record Decomposition(String label, double resolution, List<ServiceBoundary> services, PartitionMetrics metrics,
        List<CutEdge> cutEdges, List<Link> links) {

    public Decomposition {
        services = List.copyOf(services);
        cutEdges = List.copyOf(cutEdges);
        links = List.copyOf(links);
    }

    /** An edge of the table graph; {@code cut} when it crosses between services. */
    public record Link(TableName a, TableName b, double weight, boolean cut) {
    }

    /** An edge between two services. */
    public record CutEdge(TableName a, String serviceA, TableName b, String serviceB, double weight, String evidence) {
    }

    public Optional<ServiceBoundary> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The service of each table. */
    public Map<TableName, String> assignment() {
        Map<TableName, String> byTable = new java.util.TreeMap<>();
        services.forEach(s -> s.tables().forEach(t -> byTable.put(t, s.name())));
        return byTable;
    }
}
