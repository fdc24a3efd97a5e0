package io.strangler.apply.internal;

import io.strangler.schemas.ApplyOperation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reduces a batch to one write per row: the row's commands folded in order ({@link RowWriteFold}), placed where the
 * row's last command was, so the order across rows is kept and runs of one shape stay long. Commands that have no
 * single-write form together stay separate, consecutive and in order.
 *
 * <p>Hot rows go last: rows are ordered by their table's {@link TableHeat} (learned across batches), then by how many
 * commands of the batch they had, fewest first (stable otherwise). A row the application writes all the time (a
 * branch total, a stock level) collects many commands per batch, and the batch's transaction holds its lock from its
 * statement to the commit; written last, that is only the commit, so the application's own updates of the row wait as
 * little as possible behind the sink, and the stable table order keeps the sink from locking a hot row before a cold
 * one the application locks first (a deadlock). Order across rows inside one transaction changes nothing else: the
 * batch commits atomically and each row's own commands keep their order.
 *
 * <p>Deletions go first, before any of that: a deletion frees the row's unique values (its primary key, a unique
 * email) for another row of the same batch that takes them — the typical case is a row whose logical key moved, sent
 * as the old key's deletion and the new key's creation, which would otherwise collide on the primary key they share.
 */
final class Coalescer {

    private Coalescer() {
    }

    /**
     * @param render turns a folded write into its statement
     * @throws ValueConversionException from {@code render}: a folded value the column cannot take (a sum past the
     *                                  column's range); the separate commands may still be fine one by one
     */
    static List<BoundCommand> coalesce(List<BoundCommand> bound, Function<RowWrite, BoundCommand> render) {
        return coalesce(bound, render, new TableHeat());
    }

    /** As {@link #coalesce(List, Function)}, with the tables' heat learned from earlier batches. */
    static List<BoundCommand> coalesce(List<BoundCommand> bound, Function<RowWrite, BoundCommand> render,
                                       TableHeat heat) {
        Map<RowWrite, BoundCommand> rendered = new IdentityHashMap<>();
        Map<String, List<RowWrite>> pieces = new HashMap<>();
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < bound.size(); i++) {
            BoundCommand command = bound.get(i);
            rendered.put(command.write(), command);
            last.put(command.rowIdentity(), i);
            List<RowWrite> row = pieces.computeIfAbsent(command.rowIdentity(), identity -> new ArrayList<>(1));
            if (row.isEmpty()) {
                row.add(command.write());
                continue;
            }
            RowWrite previous = row.get(row.size() - 1);
            RowWriteFold.then(previous, command.write()).ifPresentOrElse(
                    folded -> row.set(row.size() - 1, folded), () -> row.add(command.write()));
        }
        Map<String, Integer> commands = new HashMap<>();
        bound.forEach(command -> commands.merge(command.rowIdentity(), 1, Integer::sum));
        List<String> rows = new ArrayList<>(last.size());
        Map<String, Double> tableHeat = new HashMap<>();
        for (int i = 0; i < bound.size(); i++) {
            String identity = bound.get(i).rowIdentity();
            if (last.get(identity) == i) {
                rows.add(identity);
                tableHeat.put(identity, heat.of(bound.get(i).table().qualifiedName()));
            }
        }
        rows.sort(Comparator.<String>comparingInt(identity -> startsWithDeletion(pieces.get(identity)) ? 0 : 1)
                .thenComparingDouble(tableHeat::get).thenComparingInt(commands::get));
        List<BoundCommand> out = new ArrayList<>(last.size());
        for (String identity : rows) {
            for (RowWrite write : pieces.get(identity)) {
                BoundCommand command = rendered.get(write);
                out.add(command != null ? command : render.apply(write));
            }
        }
        return out;
    }

    private static boolean startsWithDeletion(List<RowWrite> writes) {
        return writes.get(0).op() == ApplyOperation.DELETE;
    }
}
