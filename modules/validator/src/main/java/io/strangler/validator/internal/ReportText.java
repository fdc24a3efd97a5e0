package io.strangler.validator.internal;

import io.strangler.core.row.CanonicalRow;
import io.strangler.validator.ColumnDifference;
import io.strangler.validator.Discrepancy;
import io.strangler.validator.DiscrepancyKind;
import io.strangler.validator.TableValidation;
import io.strangler.validator.ValidationResult;
import java.time.Duration;
import java.util.Locale;

/** The Markdown and HTML renderings of a validation result. */
public final class ReportText {

    /** Discrepancies listed per table in the human-readable reports; the JSON report has them all. */
    static final int LISTED = 50;

    private ReportText() {
    }

    public static String markdown(ValidationResult result) {
        StringBuilder out = new StringBuilder();
        out.append("# Validation report ").append(result.runId()).append("\n\n");
        out.append("Started ").append(result.started()).append(", took ")
                .append(seconds(result)).append(" s. Overall consistency **").append(percent(result.consistencyPercent()))
                .append("** (").append(result.discrepancyCount()).append(" discrepancies in ")
                .append(result.distinctKeys()).append(" keys).\n\n");
        out.append("| mapping | monolith | service | mode | monolith rows | service rows | matching | missing on service"
                + " | missing on monolith | different | consistency |\n");
        out.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (TableValidation t : result.tables()) {
            out.append("| ").append(t.mapping()).append(" | ").append(t.monolithTable()).append(" | ").append(t.serviceTable())
                    .append(" | ").append(t.mode().label()).append(" | ").append(t.monolithRows()).append(" | ")
                    .append(t.serviceRows()).append(" | ").append(t.matchingRows()).append(" | ").append(t.missingOnService())
                    .append(" | ").append(t.missingOnMonolith()).append(" | ").append(t.differingRows()).append(" | ")
                    .append(percent(t.consistencyPercent())).append(" |\n");
        }
        String orphans = orphanSummary(result);
        if (!orphans.isEmpty()) {
            out.append('\n').append(orphans).append('\n');
        }
        for (TableValidation t : result.tables()) {
            if (t.discrepancies().isEmpty()) {
                continue;
            }
            out.append("\n## ").append(t.mapping()).append("\n\n| kind | key | details |\n|---|---|---|\n");
            java.util.Set<String> variants = caseVariants(t);
            t.discrepancies().stream().limit(LISTED).forEach(d -> out.append("| ").append(d.kind().label()).append(" | `")
                    .append(d.key().encode().replace("|", "\\|")).append("` | ").append(details(d, variants).replace("|", "\\|"))
                    .append(" |\n"));
            long more = t.discrepancyCount() - Math.min(LISTED, t.discrepancies().size());
            if (more > 0) {
                out.append("\n… and ").append(more).append(" more (see the JSON report").append(t.detailsTruncated()
                        ? "; details were capped, counts are exact" : "").append(").\n");
            }
        }
        return out.toString();
    }

    public static String html(ValidationResult result) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Validation ")
                .append(escape(result.runId())).append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
                        + "td.n{text-align:right}.ok{color:#070}.bad{color:#b00}code{font-size:90%}</style></head><body>\n");
        out.append("<h1>Validation report</h1>\n<p>Run <code>").append(escape(result.runId())).append("</code>, started ")
                .append(escape(result.started().toString())).append(", took ").append(seconds(result))
                .append(" s. Overall consistency <strong class=\"").append(result.consistent() ? "ok" : "bad").append("\">")
                .append(percent(result.consistencyPercent())).append("</strong> (").append(result.discrepancyCount())
                .append(" discrepancies in ").append(result.distinctKeys()).append(" keys).</p>\n");
        out.append("<table><tr><th>mapping</th><th>monolith</th><th>service</th><th>mode</th><th>monolith rows</th>"
                + "<th>service rows</th><th>matching</th><th>missing on service</th><th>missing on monolith</th>"
                + "<th>different</th><th>consistency</th></tr>\n");
        for (TableValidation t : result.tables()) {
            out.append("<tr><td>").append(escape(t.mapping())).append("</td><td>").append(escape(t.monolithTable()))
                    .append("</td><td>").append(escape(t.serviceTable())).append("</td><td>").append(t.mode().label())
                    .append("</td>");
            for (long n : new long[] {t.monolithRows(), t.serviceRows(), t.matchingRows(), t.missingOnService(),
                    t.missingOnMonolith(), t.differingRows()}) {
                out.append("<td class=\"n\">").append(n).append("</td>");
            }
            out.append("<td class=\"n ").append(t.discrepancyCount() == 0 ? "ok" : "bad").append("\">")
                    .append(percent(t.consistencyPercent())).append("</td></tr>\n");
        }
        out.append("</table>\n");
        String orphans = orphanSummary(result);
        if (!orphans.isEmpty()) {
            out.append("<p>").append(escape(orphans)).append("</p>\n");
        }
        for (TableValidation t : result.tables()) {
            if (t.discrepancies().isEmpty()) {
                continue;
            }
            out.append("<h2>").append(escape(t.mapping())).append("</h2>\n<table><tr><th>kind</th><th>key</th><th>details</th></tr>\n");
            java.util.Set<String> variants = caseVariants(t);
            t.discrepancies().stream().limit(LISTED).forEach(d -> out.append("<tr><td>").append(d.kind().label())
                    .append("</td><td><code>").append(escape(d.key().encode())).append("</code></td><td>")
                    .append(escape(details(d, variants))).append("</td></tr>\n"));
            out.append("</table>\n");
            long more = t.discrepancyCount() - Math.min(LISTED, t.discrepancies().size());
            if (more > 0) {
                out.append("<p>… and ").append(more).append(" more in the JSON report.</p>\n");
            }
        }
        return out.append("</body></html>\n").toString();
    }

    /**
     * Keys (lower-cased encodings) missing on one side whose case-folded twin is missing on the other: usually one row
     * whose key was written in another case or format, or a case-insensitive collation on one side.
     */
    static java.util.Set<String> caseVariants(TableValidation table) {
        java.util.Map<String, java.util.Set<DiscrepancyKind>> kinds = new java.util.HashMap<>();
        for (Discrepancy d : table.discrepancies()) {
            if (d.kind() == DiscrepancyKind.MISSING_ON_MONOLITH || d.kind() == DiscrepancyKind.MISSING_ON_SERVICE) {
                kinds.computeIfAbsent(d.key().encode().toLowerCase(Locale.ROOT), k -> java.util.EnumSet.noneOf(DiscrepancyKind.class))
                        .add(d.kind());
            }
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        kinds.forEach((key, seen) -> {
            if (seen.size() == 2) {
                out.add(key);
            }
        });
        return out;
    }

    static String details(Discrepancy d, java.util.Set<String> caseVariants) {
        String details = details(d);
        return caseVariants.contains(d.key().encode().toLowerCase(Locale.ROOT))
                ? details + " (the other side has this key in another case: likely a key format or collation difference)"
                : details;
    }

    static String details(Discrepancy d) {
        return switch (d.kind()) {
            case MISSING_ON_SERVICE -> "monolith row " + row(d.monolithRow());
            case MISSING_ON_MONOLITH -> "service row " + row(d.serviceRow());
            case DIFFERENT -> String.join("; ", d.columns().stream().map(ReportText::difference).toList());
            case ORPHAN_ON_MONOLITH -> "monolith row " + row(d.monolithRow()) + " has no parent for " + d.foreignKey();
            case ORPHAN_ON_SERVICE -> "service row " + row(d.serviceRow()) + " has no parent for " + d.foreignKey();
        };
    }

    /**
     * One sentence on the foreign-key check of the tables where it ran, e.g. {@code Foreign keys checked: lines 1
     * orphan on the monolith, 2 on the service; orders none.}; empty when it did not run.
     */
    static String orphanSummary(ValidationResult result) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (TableValidation t : result.tables()) {
            if (t.orphans().checked()) {
                parts.add(t.mapping() + (t.orphans().total() == 0 ? " none" : " " + t.orphans().onMonolith()
                        + " orphan(s) on the monolith, " + t.orphans().onService() + " on the service"));
            }
        }
        return parts.isEmpty() ? "" : "Foreign keys checked (orphans are reported, never repaired): "
                + String.join("; ", parts) + ".";
    }

    private static String difference(ColumnDifference c) {
        return c.column() + ": monolith " + value(c.monolithValue()) + " ≠ service " + value(c.serviceValue());
    }

    private static String row(CanonicalRow row) {
        return JsonValues.map(row.values()).toString();
    }

    private static String value(Object value) {
        return JsonValues.value(value).toString();
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.4f%%", value);
    }

    private static String seconds(ValidationResult result) {
        return String.format(Locale.ROOT, "%.1f", Duration.between(result.started(), result.finished()).toMillis() / 1000.0);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
