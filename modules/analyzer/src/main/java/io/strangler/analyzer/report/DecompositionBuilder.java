package io.strangler.analyzer.report;

import io.strangler.analyzer.clustering.Candidate;
import io.strangler.analyzer.clustering.Partition;
import io.strangler.analyzer.evidence.ForeignKeyLink;
import io.strangler.analyzer.evidence.QueryPattern;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.TransactionPattern;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.graph.Edge;
import io.strangler.analyzer.graph.EvidenceKind;
import io.strangler.analyzer.graph.TableGraph;
import io.strangler.analyzer.metrics.MetricsCalculator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Turns a partition into a {@link Decomposition}: names, explanations, what crosses each boundary, metrics. */
public final class DecompositionBuilder {

    /** How many edges, queries and transactions are listed per service (counts cover all of them). */
    public static final int LISTED = 10;
    static final int STRONGEST = 5;
    /** Beyond this many edges a diagram is unreadable: the cut edges and the heaviest internal ones are drawn. */
    static final int MAX_DRAWN = 150;

    private final TableGraph graph;
    private final SchemaEvidence schema;
    private final WorkloadEvidence workload;
    private final Map<TableName, String> fixedNames;

    public DecompositionBuilder(TableGraph graph, SchemaEvidence schema, WorkloadEvidence workload,
            Map<TableName, String> fixedNames) {
        this.graph = graph;
        this.schema = schema;
        this.workload = workload;
        this.fixedNames = Map.copyOf(fixedNames);
    }

    public Decomposition build(String label, Candidate candidate) {
        Partition partition = candidate.partition();
        List<String> names = names(partition);
        Map<TableName, String> serviceOf = new HashMap<>();
        for (int i = 0; i < graph.size(); i++) {
            serviceOf.put(graph.tables().get(i), names.get(partition.serviceOf(i)));
        }
        List<ServiceBoundary> services = new ArrayList<>();
        for (int s = 0; s < partition.services(); s++) {
            services.add(service(names.get(s), serviceOf));
        }
        List<Decomposition.CutEdge> cut = graph.edges().stream()
                .filter(e -> !serviceOf.get(e.a()).equals(serviceOf.get(e.b())))
                .sorted(Comparator.comparingDouble((Edge e) -> e.weight()).reversed()).limit(LISTED)
                .map(e -> new Decomposition.CutEdge(e.a(), serviceOf.get(e.a()), e.b(), serviceOf.get(e.b()), e.weight(),
                        evidence(e)))
                .toList();
        List<Decomposition.Link> links = graph.edges().stream()
                .map(e -> new Decomposition.Link(e.a(), e.b(), e.weight(),
                        !serviceOf.get(e.a()).equals(serviceOf.get(e.b()))))
                .sorted(Comparator.comparing(Decomposition.Link::cut).reversed()
                        .thenComparing(Comparator.comparingDouble(Decomposition.Link::weight).reversed()))
                .limit(MAX_DRAWN)
                .sorted(Comparator.comparing(Decomposition.Link::a).thenComparing(Decomposition.Link::b))
                .toList();
        return new Decomposition(label, candidate.resolution(), services,
                MetricsCalculator.of(graph, partition, schema, workload), cut, links);
    }

    private ServiceBoundary service(String name, Map<TableName, String> serviceOf) {
        List<TableName> tables = serviceOf.entrySet().stream().filter(e -> e.getValue().equals(name))
                .map(Map.Entry::getKey).sorted().toList();
        Set<TableName> mine = new HashSet<>(tables);
        double internal = 0;
        double boundary = 0;
        List<Edge> inside = new ArrayList<>();
        for (Edge edge : graph.edges()) {
            boolean a = mine.contains(edge.a());
            boolean b = mine.contains(edge.b());
            if (a && b) {
                internal += edge.weight();
                inside.add(edge);
            } else if (a || b) {
                boundary += edge.weight();
            }
        }
        List<ServiceBoundary.EdgeReason> strongest = inside.stream()
                .sorted(Comparator.comparingDouble((Edge e) -> e.weight()).reversed()).limit(STRONGEST)
                .map(e -> new ServiceBoundary.EdgeReason(e.a(), e.b(), e.weight(), evidence(e))).toList();
        List<ServiceBoundary.CutForeignKey> fks = new ArrayList<>();
        for (ForeignKeyLink fk : schema.foreignKeys()) {
            boolean from = mine.contains(fk.from());
            boolean to = mine.contains(fk.to());
            if (from != to && serviceOf.containsKey(fk.from()) && serviceOf.containsKey(fk.to())) {
                fks.add(new ServiceBoundary.CutForeignKey(fk.from(), fk.to(), fk.constraint(), fk.columns(),
                        serviceOf.get(from ? fk.to() : fk.from())));
            }
        }
        List<ServiceBoundary.CrossingQuery> queries = new ArrayList<>();
        long remoteCalls = 0;
        for (QueryPattern query : workload.queries()) {
            List<String> services = servicesOf(query.tables(), serviceOf);
            if (services.size() > 1 && services.contains(name)) {
                remoteCalls += query.calls();
                if (queries.size() < LISTED) {
                    queries.add(new ServiceBoundary.CrossingQuery(query.tables(), services, query.calls(), query.example()));
                }
            }
        }
        List<ServiceBoundary.CrossingTransaction> transactions = new ArrayList<>();
        long distributed = 0;
        for (TransactionPattern tx : workload.transactions()) {
            List<String> services = servicesOf(tx.tables(), serviceOf);
            if (services.size() > 1 && services.contains(name)) {
                distributed += tx.count();
                if (transactions.size() < LISTED) {
                    transactions.add(new ServiceBoundary.CrossingTransaction(tx.tables(), services, tx.count()));
                }
            }
        }
        return new ServiceBoundary(name, tables, strongest, fks, queries, remoteCalls, transactions, distributed,
                internal, boundary);
    }

    private static List<String> servicesOf(List<TableName> tables, Map<TableName, String> serviceOf) {
        return tables.stream().map(serviceOf::get).filter(java.util.Objects::nonNull).distinct().sorted().toList();
    }

    static String evidence(Edge edge) {
        return edge.byKind().entrySet().stream().sorted(Map.Entry.<EvidenceKind, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey().label(), e.getValue()))
                .collect(Collectors.joining(" + "));
    }

    /**
     * A service is named after a fixed assignment if it has one, else after its hub: the table with the most edge
     * weight inside the service ({@code orders} for orders, order_items, payments).
     */
    private List<String> names(Partition partition) {
        List<String> names = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (List<Integer> members : partition.members()) {
            String fixed = members.stream().map(i -> fixedNames.get(graph.tables().get(i)))
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            String base = fixed != null ? fixed : serviceName(hub(members).name());
            String name = base;
            for (int n = 2; used.contains(name); n++) {
                name = base + "-" + n;
            }
            used.add(name);
            names.add(name);
        }
        return names;
    }

    private TableName hub(List<Integer> members) {
        Set<TableName> tables = members.stream().map(i -> graph.tables().get(i)).collect(Collectors.toSet());
        Map<TableName, Double> inside = new HashMap<>();
        for (Edge edge : graph.edges()) {
            if (tables.contains(edge.a()) && tables.contains(edge.b())) {
                inside.merge(edge.a(), edge.weight(), Double::sum);
                inside.merge(edge.b(), edge.weight(), Double::sum);
            }
        }
        // ties (two tables, one edge) go to the shorter name, usually the parent: carts rather than cart_items
        return tables.stream().max(Comparator.<TableName>comparingDouble(t -> inside.getOrDefault(t, 0.0))
                .thenComparing(t -> -t.name().length())
                .thenComparing(Comparator.<TableName>naturalOrder().reversed())).orElseThrow();
    }

    /** Lower case letters, digits and '-': safe as a file name, a Maven artifact and a Kafka topic part. */
    public static String serviceName(String raw) {
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "service" : name;
    }
}
