package io.strangler.cli.dlq;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The lines {@code strangler dlq replay} prints: one per selected dead letter, then the counts. */
final class ReplayReport {

    private ReplayReport() {}

    static String line(ReplayDecision decision, boolean dryRun) {
        DlqEntry entry = decision.entry();
        String head = entry.position() + "  " + entry.component() + "  " + entry.table().orElse("-") + "  "
                + entry.key().orElse("-");
        if (decision instanceof ReplayDecision.Send send) {
            return (dryRun ? "would send  " : "sent  ") + head + "  -> " + send.topic()
                    + send.partition().map(p -> "[" + p + "]").orElse("") + " (" + send.value().length + " bytes)";
        }
        return "skipped  " + head + "  " + ((ReplayDecision.Skip) decision).reason();
    }

    /** e.g. {@code replayed 2, skipped 1 (capture=1)}. */
    static String summary(List<ReplayDecision> plan, boolean dryRun) {
        long sent = plan.stream().filter(ReplayDecision.Send.class::isInstance).count();
        Map<String, Long> skipped = plan.stream().filter(ReplayDecision.Skip.class::isInstance)
                .collect(Collectors.groupingBy(d -> d.entry().component(), TreeMap::new, Collectors.counting()));
        long skippedTotal = skipped.values().stream().mapToLong(Long::longValue).sum();
        return (dryRun ? "dry run: would replay " : "replayed ") + sent + ", skipped " + skippedTotal
                + (skipped.isEmpty() ? "" : " (" + skipped.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", ")) + ")");
    }
}
