package io.strangler.apply.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How contended each target table's rows are, learned across batches: a moving average of commands per distinct row
 * in a batch. A branch total that every transaction touches scores high, an accounts table with one command per row
 * scores 1. {@link Coalescer} writes the hottest tables' rows last, in the same order batch after batch, so the sink
 * takes its locks in one stable order — hot rows last, which is how applications that touch a few hot rows usually
 * order their own statements (pgbench: account, teller, branch) — and a batch with only a few commands, where counts
 * alone tie, does not lock the hot row first and deadlock with the application.
 */
final class TableHeat {

    /** Weight of the newest batch: about the last twenty batches count. */
    private static final double WEIGHT = 0.05;

    private final Map<String, Double> heat = new HashMap<>();

    /** Learns from one batch's commands (before coalescing). */
    void observe(List<BoundCommand> batch) {
        Map<String, Integer> commands = new HashMap<>();
        Map<String, java.util.Set<String>> rows = new HashMap<>();
        for (BoundCommand command : batch) {
            String table = command.table().qualifiedName();
            commands.merge(table, 1, Integer::sum);
            rows.computeIfAbsent(table, t -> new java.util.HashSet<>()).add(command.rowIdentity());
        }
        commands.forEach((table, count) -> {
            double perRow = (double) count / rows.get(table).size();
            heat.merge(table, perRow, (old, now) -> old + WEIGHT * (now - old));
        });
    }

    /** Commands per row the table's rows get in a batch, on average; 1 for a table not seen yet. */
    double of(String table) {
        return heat.getOrDefault(table, 1.0);
    }
}
