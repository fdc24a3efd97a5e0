package io.strangler.analyzer.graph;

import io.strangler.analyzer.evidence.ForeignKeyLink;
import io.strangler.analyzer.evidence.QueryPattern;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.TransactionPattern;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link TableGraph} from the evidence. Per kind:
 * <ul>
 * <li>foreign keys: 1 per key between two different tables;</li>
 * <li>naming: 1 between tables whose first name part has the same stem ({@code order}, {@code orders},
 *     {@code order_items}), skipped for stems shared by more than {@link #MAX_NAMING_GROUP} tables;</li>
 * <li>queries and transactions: a pattern over k tables adds its count / (k - 1) to each of its pairs, so a wide
 *     statement does not outweigh a narrow one; a pair's total is then dampened with log(1 + x), so that one hot
 *     query shapes its own edges without flattening every other use case.</li>
 * </ul>
 * Each kind is then scaled to {@code weight × unit} total edge weight, where the unit is the number of foreign keys
 * (at least half the number of tables), and the kinds are summed per pair.
 */
public final class GraphBuilder {

    static final int MAX_NAMING_GROUP = 12;

    private GraphBuilder() {
    }

    public static TableGraph build(SchemaEvidence schema, WorkloadEvidence workload, EvidenceWeights weights) {
        Set<TableName> known = new HashSet<>(schema.tables());
        Map<EvidenceKind, Map<List<TableName>, Double>> raw = new EnumMap<>(EvidenceKind.class);
        for (EvidenceKind kind : EvidenceKind.values()) {
            raw.put(kind, new HashMap<>());
        }
        for (ForeignKeyLink fk : schema.foreignKeys()) {
            if (!fk.selfReference()) {
                add(raw.get(EvidenceKind.FOREIGN_KEY), fk.from(), fk.to(), 1.0);
            }
        }
        naming(schema.tables(), raw.get(EvidenceKind.NAMING));
        for (QueryPattern query : workload.queries()) {
            spread(raw.get(EvidenceKind.QUERY), query.tables(), query.calls(), known);
        }
        for (TransactionPattern transaction : workload.transactions()) {
            spread(raw.get(EvidenceKind.TRANSACTION), transaction.tables(), transaction.count(), known);
        }
        dampen(raw.get(EvidenceKind.QUERY));
        dampen(raw.get(EvidenceKind.TRANSACTION));

        double unit = Math.max(1.0, Math.max(raw.get(EvidenceKind.FOREIGN_KEY).size(), schema.tables().size() / 2.0));
        Map<List<TableName>, Map<EvidenceKind, Double>> combined = new HashMap<>();
        for (EvidenceKind kind : EvidenceKind.values()) {
            Map<List<TableName>, Double> pairs = raw.get(kind);
            double total = pairs.values().stream().mapToDouble(Double::doubleValue).sum();
            double weight = weights.of(kind);
            if (total <= 0 || weight <= 0) {
                continue;
            }
            double scale = kind == EvidenceKind.FOREIGN_KEY ? weight : weight * unit / total;
            pairs.forEach((pair, value) -> combined.computeIfAbsent(pair, p -> new EnumMap<>(EvidenceKind.class))
                    .put(kind, value * scale));
        }
        List<Edge> edges = new ArrayList<>();
        combined.forEach((pair, byKind) -> edges.add(new Edge(pair.get(0), pair.get(1),
                byKind.values().stream().mapToDouble(Double::doubleValue).sum(), byKind)));
        return new TableGraph(schema.tables(), edges);
    }

    private static void spread(Map<List<TableName>, Double> pairs, List<TableName> tables, long count,
            Set<TableName> known) {
        List<TableName> inGraph = tables.stream().filter(known::contains).sorted().toList();
        int k = inGraph.size();
        if (k < 2 || count <= 0) {
            return;
        }
        double share = (double) count / (k - 1);
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                add(pairs, inGraph.get(i), inGraph.get(j), share);
            }
        }
    }

    private static void dampen(Map<List<TableName>, Double> pairs) {
        pairs.replaceAll((pair, value) -> Math.log1p(value));
    }

    private static void naming(List<TableName> tables, Map<List<TableName>, Double> pairs) {
        Map<String, List<TableName>> byStem = new HashMap<>();
        for (TableName table : tables) {
            byStem.computeIfAbsent(table.schema() + "." + stem(table.name()), s -> new ArrayList<>()).add(table);
        }
        for (List<TableName> group : byStem.values()) {
            if (group.size() < 2 || group.size() > MAX_NAMING_GROUP) {
                continue;
            }
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    add(pairs, group.get(i), group.get(j), 1.0);
                }
            }
        }
    }

    /** The first part of a name, singular: {@code order_items} → {@code order}, {@code categories} → {@code category}. */
    static String stem(String name) {
        String first = name.toLowerCase(Locale.ROOT).split("[_\\-]", 2)[0];
        if (first.endsWith("ies") && first.length() > 4) {
            return first.substring(0, first.length() - 3) + "y";
        }
        if (first.endsWith("sses") || first.endsWith("xes") || first.endsWith("ches") || first.endsWith("shes")) {
            return first.substring(0, first.length() - 2);
        }
        if (first.endsWith("s") && !first.endsWith("ss") && first.length() > 3) {
            return first.substring(0, first.length() - 1);
        }
        return first;
    }

    private static void add(Map<List<TableName>, Double> pairs, TableName x, TableName y, double value) {
        if (x.equals(y)) {
            return;
        }
        List<TableName> pair = x.compareTo(y) < 0 ? List.of(x, y) : List.of(y, x);
        pairs.merge(pair, value, Double::sum);
    }
}
