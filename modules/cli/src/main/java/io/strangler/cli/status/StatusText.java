package io.strangler.cli.status;

import io.strangler.cli.status.StatusReport.Consistency;
import io.strangler.cli.status.StatusReport.GroupLag;
import io.strangler.cli.status.StatusReport.Route;
import io.strangler.cli.status.StatusReport.SideLag;
import io.strangler.cli.status.StatusReport.TopicLag;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The terminal rendering of a {@link StatusReport}: short enough to read at a glance, one block per concern. */
final class StatusText {

    /** Tables shown per side when one lags: the worst ones, enough to know where to look. */
    private static final int WORST_TOPICS = 3;

    private StatusText() {}

    static String render(StatusReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Strangler status at %s (Kafka %s, prefix %s)%n", report.at(),
                report.bootstrapServers(), report.topicPrefix()));
        out.append("Lag (records / age of the oldest unconsumed record):\n");
        if (report.groups().isEmpty()) {
            out.append("  no consumer group reads Strangler's topics yet\n");
        }
        for (GroupLag group : report.groups()) {
            out.append(String.format(Locale.ROOT, "  %-11s %s (%s, %d member%s)%n", group.role(), group.group(),
                    group.state(), group.members(), group.members() == 1 ? "" : "s"));
            for (SideLag side : group.sides()) {
                out.append(String.format(Locale.ROOT, "    %-28s %,10d records  %8s%n", label(side),
                        side.lagRecords(), seconds(side.lagSeconds())));
                side.topics().stream().filter(topic -> topic.lagRecords() > 0 && side.topics().size() > 1)
                        .sorted(Comparator.comparingLong(TopicLag::lagRecords).reversed()).limit(WORST_TOPICS)
                        .forEach(topic -> out.append(String.format(Locale.ROOT, "      %-26s %,10d records  %8s%n",
                                topic.topic(), topic.lagRecords(), seconds(topic.lagSeconds()))));
            }
        }
        out.append("Conflicts: ").append(report.conflicts().total()).append(" retained; last minute ")
                .append(byMapping(report.conflicts().lastMinute())).append("; last hour ")
                .append(byMapping(report.conflicts().lastHour())).append('\n');
        out.append("Dead letters: ").append(report.deadLetters().total()).append(" retained, ")
                .append(report.deadLetters().lastHour()).append(" in the last hour");
        if (!report.deadLetters().lastHourBySource().isEmpty()) {
            out.append(" ").append(report.deadLetters().lastHourBySource());
        }
        if (report.deadLetters().latestError() != null) {
            out.append("; latest at ").append(report.deadLetters().latestAt()).append(": ")
                    .append(report.deadLetters().latestError());
        }
        out.append('\n');
        out.append(consistency(report.consistency()));
        out.append("Routes:");
        if (report.routes().isEmpty()) {
            out.append(" none reported\n");
        } else {
            out.append('\n');
            for (Route route : report.routes()) {
                out.append(String.format(Locale.ROOT, "  %-20s candidate %s, %s at %s: %s%n", route.routeId(),
                        route.candidateWeightPercent() == null ? "?" : String.format(Locale.ROOT, "%.1f %%",
                                route.candidateWeightPercent()), route.lastEvent(), route.at(), route.reason()));
            }
        }
        report.warnings().forEach(warning -> out.append("warning: ").append(warning).append('\n'));
        return out.toString();
    }

    private static String label(SideLag side) {
        return switch (side.topicKind()) {
            case "cdc" -> "changes of " + side.side();
            case "apply" -> "commands for " + side.side();
            case "transactions" -> "transactions of " + side.side();
            default -> side.topicKind();
        };
    }

    private static String consistency(Consistency consistency) {
        if (!consistency.reported()) {
            return "Consistency: no auditor status yet (strangler run consistency)\n";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Consistency: %.2f %% (threshold %.1f %%)%s, as of %s%s%n", consistency.percent(),
                consistency.thresholdPercent(), consistency.alert() ? " ALERT since " + consistency.alertSince() : "",
                consistency.emittedAt(), consistency.captureLagMillis().isEmpty() ? ""
                        : "; capture lag waited for " + consistency.captureLagMillis().entrySet().stream()
                                .map(e -> e.getKey() + " " + seconds(e.getValue() / 1000.0))
                                .collect(Collectors.joining(", "))));
        consistency.mappings().forEach(mapping -> out.append(String.format(Locale.ROOT,
                "  %-20s %.2f %%  %,d rows, %,d pending, %,d open discrepancies%n", mapping.mapping(),
                mapping.percent(), mapping.rowsTracked(), mapping.rowsPending(), mapping.openDiscrepancies())));
        return out.toString();
    }

    private static String byMapping(Map<String, Map<String, Long>> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().entrySet().stream()
                .map(kind -> kind.getKey() + " " + kind.getValue()).collect(Collectors.joining(", ", "(", ")")))
                .collect(Collectors.joining(", "));
    }

    private static String seconds(double seconds) {
        return seconds <= 0 ? "-" : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
