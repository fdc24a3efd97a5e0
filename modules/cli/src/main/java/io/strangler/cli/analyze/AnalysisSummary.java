package io.strangler.cli.analyze;

import io.strangler.analyzer.evidence.ParseStats;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.report.AnalysisResult;
import io.strangler.analyzer.report.Decomposition;
import io.strangler.analyzer.report.ServiceBoundary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** The summary {@code strangler analyze} prints: readable on its own, without opening the report. */
final class AnalysisSummary {

    static final int CUT_EDGES = 5;

    private AnalysisSummary() {
    }

    static void print(PrintWriter out, AnalysisResult result) {
        var e = result.evidence();
        ParseStats p = e.parse();
        out.printf(Locale.ROOT, "Evidence: %d tables, %d foreign keys, %,d statements (%d patterns), %,d transactions"
                + " (%d patterns)%s%n", e.tables(), e.foreignKeys(), e.queryCalls(), e.queryPatterns(), e.transactions(),
                e.transactionPatterns(), p.unparseable() > 0
                        ? String.format(Locale.ROOT, ", %,d statements unparseable", p.unparseable()) : "");
        Decomposition rec = result.recommended();
        out.printf(Locale.ROOT, "%nRecommended: %d services%n", rec.services().size());
        int width = rec.services().stream().mapToInt(s -> s.name().length()).max().orElse(8);
        for (ServiceBoundary s : rec.services()) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %2d tables: %s%n", s.name(), s.tables().size(),
                    s.tables().stream().map(AnalysisSummary::shortName).collect(Collectors.joining(", ")));
        }
        if (!rec.cutEdges().isEmpty()) {
            out.println();
            out.println("Top cut edges:");
            rec.cutEdges().stream().limit(CUT_EDGES).forEach(c -> out.printf(Locale.ROOT,
                    "  %s (%s) — %s (%s)  %.2f  %s%n", shortName(c.a()), c.serviceA(), shortName(c.b()), c.serviceB(),
                    c.weight(), c.evidence()));
        }
        out.println();
        out.println("Metrics: " + rec.metrics().summaryLine());
        if (!result.alternatives().isEmpty()) {
            out.println("Alternatives: " + result.alternatives().stream()
                    .map(a -> String.format(Locale.ROOT, "%s %d services (modularity %.3f)", a.label(),
                            a.services().size(), a.metrics().modularity()))
                    .collect(Collectors.joining("; ")));
        }
        if (!result.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            result.notes().forEach(n -> out.println("  - " + n));
        }
    }

    private static String shortName(TableName t) {
        return t.schema().equals("public") ? t.name() : t.qualified();
    }
}
