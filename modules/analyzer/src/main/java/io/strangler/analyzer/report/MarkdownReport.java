package io.strangler.analyzer.report;

import io.strangler.analyzer.evidence.ParseStats;
import io.strangler.analyzer.evidence.TableName;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code report.md}: the recommendation for people, with a Mermaid diagram that Git hosts render. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(AnalysisResult result) {
        StringBuilder out = new StringBuilder();
        Decomposition rec = result.recommended();
        out.append("# Service boundaries for ").append(result.database()).append("\n\n");
        out.append("Run `").append(result.runId()).append("`, ").append(result.createdAt()).append(".\n\n");
        evidence(out, result.evidence());
        if (!result.notes().isEmpty()) {
            out.append("## Notes\n\n");
            result.notes().forEach(note -> out.append("- ").append(note).append('\n'));
            out.append('\n');
        }
        out.append("## Recommended: ").append(rec.services().size()).append(" services\n\n");
        out.append("**").append(rec.metrics().summaryLine()).append("**\n\n");
        out.append("```mermaid\n").append(Diagrams.mermaid(rec)).append("```\n\n");
        out.append("Dashed red lines cross a service boundary.\n\n");
        serviceTable(out, rec);
        for (ServiceBoundary service : rec.services()) {
            serviceDetails(out, service);
        }
        cutEdges(out, rec);
        metricsTable(out, result);
        for (Decomposition alternative : result.alternatives()) {
            out.append("## Alternative (").append(alternative.label()).append("): ")
                    .append(alternative.services().size()).append(" services\n\n");
            out.append(alternative.metrics().summaryLine()).append("\n\n");
            serviceTable(out, alternative);
        }
        return out.toString();
    }

    private static void evidence(StringBuilder out, EvidenceSummary e) {
        ParseStats p = e.parse();
        out.append("## Evidence\n\n");
        out.append(String.format(Locale.ROOT, "- schema: %d tables, %d foreign keys%n", e.tables(), e.foreignKeys()));
        out.append(String.format(Locale.ROOT, "- queries: %,d statements in %d table-set patterns%n", e.queryCalls(),
                e.queryPatterns()));
        out.append(String.format(Locale.ROOT, "- transactions: %,d committed, in %d table-set patterns%n",
                e.transactions(), e.transactionPatterns()));
        if (p.statements() > 0) {
            out.append(String.format(Locale.ROOT, "- statements read: %,d (%,d on catalogue tables, %,d control/other,"
                    + " %,d unparseable, %,d only on tables outside the catalogue)%n", p.statements(), p.dataStatements(),
                    p.ignored(), p.unparseable(), p.unknownOnly()));
        }
        out.append('\n');
    }

    private static void serviceTable(StringBuilder out, Decomposition d) {
        out.append("| service | tables | FKs to break | remote query calls | distributed transactions |\n");
        out.append("|---|---|---:|---:|---:|\n");
        for (ServiceBoundary s : d.services()) {
            out.append("| ").append(s.name()).append(" | ").append(tables(s.tables())).append(" | ")
                    .append(s.foreignKeysToBreak().size()).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", s.remoteQueryCalls())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", s.distributedTransactionCount())).append(" |\n");
        }
        out.append('\n');
    }

    private static void serviceDetails(StringBuilder out, ServiceBoundary s) {
        out.append("### ").append(s.name()).append("\n\n");
        out.append("Tables: ").append(tables(s.tables())).append("\n\n");
        if (!s.strongestEdges().isEmpty()) {
            out.append("Why together (strongest edges):\n\n");
            s.strongestEdges().forEach(e -> out.append(String.format(Locale.ROOT, "- %s — %s: %.2f (%s)%n",
                    short_(e.a()), short_(e.b()), e.weight(), e.evidence())));
            out.append('\n');
        }
        if (!s.foreignKeysToBreak().isEmpty()) {
            out.append("Foreign keys to break:\n\n");
            s.foreignKeysToBreak().forEach(fk -> out.append("- `").append(fk.constraint()).append("`: ")
                    .append(short_(fk.from())).append(" (").append(String.join(", ", fk.columns())).append(") → ")
                    .append(short_(fk.to())).append(", with ").append(fk.otherService()).append('\n'));
            out.append('\n');
        }
        if (!s.remoteQueries().isEmpty()) {
            out.append(String.format(Locale.ROOT, "Queries that become remote calls (%,d calls):%n%n",
                    s.remoteQueryCalls()));
            s.remoteQueries().forEach(q -> out.append(String.format(Locale.ROOT, "- %,d × %s across %s: `%s`%n",
                    q.calls(), tables(q.tables()), String.join(", ", q.services()), q.example().replace("`", "'"))));
            out.append('\n');
        }
        if (!s.distributedTransactions().isEmpty()) {
            out.append(String.format(Locale.ROOT, "Transactions that become distributed (sagas) (%,d):%n%n",
                    s.distributedTransactionCount()));
            s.distributedTransactions().forEach(t -> out.append(String.format(Locale.ROOT, "- %,d × writes %s across %s%n",
                    t.count(), tables(t.tables()), String.join(", ", t.services()))));
            out.append('\n');
        }
    }

    private static void cutEdges(StringBuilder out, Decomposition d) {
        if (d.cutEdges().isEmpty()) {
            return;
        }
        out.append("## Top cut edges\n\n| between | and | weight | evidence |\n|---|---|---:|---|\n");
        d.cutEdges().forEach(e -> out.append(String.format(Locale.ROOT, "| %s (%s) | %s (%s) | %.2f | %s |%n",
                short_(e.a()), e.serviceA(), short_(e.b()), e.serviceB(), e.weight(), e.evidence())));
        out.append('\n');
    }

    private static void metricsTable(StringBuilder out, AnalysisResult result) {
        out.append("## Decompositions compared\n\n");
        out.append("| | services | modularity | SM | cross-service FKs | queries inside one service | ICP |"
                + " non-distributed transactions | IFN | NED |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Decomposition d : result.decompositions()) {
            var m = d.metrics();
            out.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %d/%d | %.1f%% | %.1f%% | %.1f%% | %.2f | %.2f |%n",
                    d.label(), m.services(), m.modularity(), m.structuralModularity(), m.crossServiceForeignKeys(),
                    m.foreignKeys(), m.queriesInsideOneService(), m.interPartitionCallPercentage(),
                    m.nonDistributedTransactions(), m.interfaceNumber(), m.nonExtremeDistribution()));
        }
        out.append("\nSM: structural modularity (higher is better). ICP: inter-partition call percentage, the share of"
                + " query calls that cross a boundary (lower is better). IFN: interface number, tables per service"
                + " reached from other services (lower is better). NED: share of tables in services of extreme size"
                + " (lower is better).\n\n");
    }

    private static String tables(List<TableName> tables) {
        return tables.stream().map(MarkdownReport::short_).collect(Collectors.joining(", "));
    }

    private static String short_(TableName t) {
        return t.schema().equals("public") ? t.name() : t.qualified();
    }
}
