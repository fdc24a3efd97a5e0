package io.strangler.analyzer.report;

import io.strangler.analyzer.evidence.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The decomposition as a picture: services as clusters of tables, edges inside drawn plain, edges that cross a
 * boundary drawn dashed and red. Mermaid renders on GitHub/GitLab in Markdown; DOT renders with Graphviz.
 */
public final class Diagrams {

    /** Beyond this many edges a diagram is unreadable; the heaviest are drawn, cut edges first. */
    static final int MAX_EDGES = 150;

    private Diagrams() {
    }

    /** A Mermaid {@code flowchart}, without the Markdown fence. */
    public static String mermaid(Decomposition decomposition) {
        List<Decomposition.Link> edges = decomposition.links();
        StringBuilder out = new StringBuilder("flowchart LR\n");
        int s = 0;
        for (ServiceBoundary service : decomposition.services()) {
            out.append("  subgraph ").append("svc").append(s++).append("[\"").append(service.name()).append(" (")
                    .append(service.tables().size()).append(service.tables().size() == 1 ? " table)" : " tables)")
                    .append("\"]\n");
            for (TableName table : service.tables()) {
                out.append("    ").append(id(table)).append("[\"").append(label(table)).append("\"]\n");
            }
            out.append("  end\n");
        }
        List<Integer> cut = new ArrayList<>();
        int index = 0;
        for (Decomposition.Link edge : edges) {
            out.append("  ").append(id(edge.a())).append(edge.cut() ? " -.- " : " --- ").append(id(edge.b())).append('\n');
            if (edge.cut()) {
                cut.add(index);
            }
            index++;
        }
        if (!cut.isEmpty()) {
            out.append("  linkStyle ").append(String.join(",", cut.stream().map(String::valueOf).toList()))
                    .append(" stroke:#d62728,stroke-width:2px\n");
        }
        return out.toString();
    }

    /** A Graphviz DOT graph. */
    public static String dot(Decomposition decomposition) {
        List<Decomposition.Link> edges = decomposition.links();
        StringBuilder out = new StringBuilder("graph boundaries {\n  graph [rankdir=LR, fontname=\"Helvetica\"];\n"
                + "  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        int s = 0;
        for (ServiceBoundary service : decomposition.services()) {
            out.append("  subgraph cluster_").append(s++).append(" {\n    label=\"").append(service.name())
                    .append("\";\n    style=rounded;\n");
            for (TableName table : service.tables()) {
                out.append("    \"").append(table.qualified()).append("\" [label=\"").append(label(table))
                        .append("\"];\n");
            }
            out.append("  }\n");
        }
        double max = edges.stream().mapToDouble(Decomposition.Link::weight).max().orElse(1);
        for (Decomposition.Link edge : edges) {
            double width = 0.5 + 3.5 * edge.weight() / max;
            out.append("  \"").append(edge.a().qualified()).append("\" -- \"").append(edge.b().qualified())
                    .append(String.format(Locale.ROOT, "\" [penwidth=%.2f", width))
                    .append(edge.cut() ? ", color=\"#d62728\", style=dashed" : ", color=\"#555555\"")
                    .append("];\n");
        }
        return out.append("}\n").toString();
    }

    private static String id(TableName table) {
        return (table.schema() + "_" + table.name()).replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The bare table name when it is in the usual schema, else schema.table. */
    private static String label(TableName table) {
        return (table.schema().equals("public") ? table.name() : table.qualified()).replace("\"", "'");
    }
}
