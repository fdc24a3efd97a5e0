package io.strangler.analyzer.report;

import io.strangler.analyzer.evidence.TableName;

/**
 * {@code mappings/<service>-mappings.yaml}: a starting mappings file for the sync of one service (docs/mappings.md),
 * each of the service's tables mapped to a table of the same name in the service database, both ways, with the
 * default conflict strategy. Each service gets its own file because each service runs its own sync with disjoint
 * tables (docs/sync.md, "Several services from one monolith").
 */
public final class MappingsFile {

    private MappingsFile() {
    }

    public static String fileName(ServiceBoundary service) {
        return service.name() + "-mappings.yaml";
    }

    public static String render(ServiceBoundary service, String analysisRunId) {
        StringBuilder out = new StringBuilder();
        out.append("# Starting mappings for the ").append(service.name()).append(" service, written by strangler analyze")
                .append(" (run ").append(analysisRunId).append(").\n")
                .append("# Each table keeps its name on the service side; edit renames, keys and conflict strategies as")
                .append(" needed (docs/mappings.md).\nmappings:\n");
        boolean oneSchema = service.tables().stream().map(TableName::schema).distinct().count() == 1;
        for (TableName table : service.tables()) {
            String name = oneSchema ? table.name() : table.schema() + "_" + table.name();
            out.append("  - name: ").append(yaml(name)).append('\n')
                    .append("    monolith: ").append(yaml(table.qualified())).append('\n')
                    .append("    service: ").append(yaml(table.qualified())).append('\n');
        }
        return out.toString();
    }

    /** Quoted unless plainly safe. */
    private static String yaml(String value) {
        return value.matches("[A-Za-z0-9_.\\-]+") ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
