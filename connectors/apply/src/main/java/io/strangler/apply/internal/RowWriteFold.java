package io.strangler.apply.internal;

import io.strangler.core.row.CounterValues;
import io.strangler.schemas.ApplyOperation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Two consecutive writes of one row folded into one write with the same effect, so a batch writes each row once
 * without losing an increment. The folded write carries the later write's record (row hash, reason, origin time).
 *
 * <p>The rules, with {@code UPSERT(r, io, i)} for an upsert of image {@code r}, insert-only columns {@code io} and
 * increments {@code i}:
 * <ul>
 *   <li>anything, then DELETE: the DELETE.</li>
 *   <li>two UPSERTs without increments, the later image covering the earlier one and both inserting the same
 *       values: the later one (last write wins, as before counters existed); otherwise the general upsert rule below,
 *       with no increments.</li>
 *   <li>DELETE, then INCREMENT: the DELETE (an increment of a missing row does nothing).</li>
 *   <li>DELETE, then {@code UPSERT(r, io, i)} naming every column of the table: {@code UPSERT(r ∪ io)} — the row is
 *       re-created, every column absolute.</li>
 *   <li>{@code INCREMENT(i0)}, then {@code INCREMENT(i)}: {@code INCREMENT(i0 + i)}.</li>
 *   <li>{@code INCREMENT(i0)}, then {@code UPSERT(r, io, i)}: {@code UPSERT(r, io, i0 + i)} (an increment of a column
 *       {@code r} sets is dropped: the image wins).</li>
 *   <li>{@code UPSERT(r0, io0, i0)}, then {@code UPSERT(r, io, i)} or {@code INCREMENT(i)}: the row exists after the
 *       first, so the second is an update: the image is {@code r0} overlaid by {@code r}; a counter {@code r0} sets
 *       absolutely becomes {@code r0[c] + i[c]}; a counter in {@code io0} gets {@code io0[c] + i[c]} as its value for a
 *       new row and {@code i0[c] + i[c]} as its increment. Columns only the later {@code io} names are dropped: the
 *       first write already decided what an inserted row holds.</li>
 * </ul>
 * Two cases have no single-write form, and {@link #then} answers empty so that both writes run in order: an increment
 * of a column the earlier upsert neither sets nor inserts (an inserted row would hold the column's default plus the
 * amount), and a DELETE followed by an upsert that leaves columns out (those must go back to their defaults).
 * Every rule is exact: the folded write leaves the row as the two writes one after the other would, whether the row
 * existed before or not ({@code RowWriteFoldTest} checks this against a model of the SQL).
 */
final class RowWriteFold {

    private RowWriteFold() {
    }

    /** One write with the effect of {@code earlier} then {@code later} on their row, or empty when there is none. */
    static Optional<RowWrite> then(RowWrite earlier, RowWrite later) {
        if (!earlier.rowIdentity().equals(later.rowIdentity())) {
            throw new IllegalArgumentException("writes of different rows: " + earlier.rowIdentity() + ", "
                    + later.rowIdentity());
        }
        if (later.op() == ApplyOperation.DELETE || lastWins(earlier, later)) {
            return Optional.of(later);
        }
        return switch (earlier.op()) {
            case DELETE -> afterDelete(earlier, later);
            case INCREMENT -> Optional.of(afterIncrement(earlier, later));
            case UPSERT -> afterUpsert(earlier, later);
            case MARK -> throw new IllegalArgumentException("a MARK command is never a row write");
        };
    }

    /**
     * Two upserts without counters where the later one alone ends in the same row, whether the row existed or not:
     * its image covers the earlier one's, and the columns only an insert would write get the same values. The common
     * case (full images, constant defaults), kept as the later command itself, as before counters existed.
     */
    private static boolean lastWins(RowWrite earlier, RowWrite later) {
        if (earlier.op() != ApplyOperation.UPSERT || later.op() != ApplyOperation.UPSERT || earlier.counts()
                || later.counts() || !later.row().keySet().containsAll(earlier.row().keySet())) {
            return false;
        }
        Map<String, Object> earlierInserted = new LinkedHashMap<>(earlier.insertOnly());
        earlierInserted.keySet().removeAll(later.row().keySet());
        return earlierInserted.equals(later.insertOnly());
    }

    /**
     * After a DELETE the row is re-created with every column the later upsert names, absolutely. A column it does not
     * name would get its default from the one-by-one run but keep its old value from an upsert of an existing row, so
     * an upsert that does not name every column of the table is not folded into the DELETE.
     */
    private static Optional<RowWrite> afterDelete(RowWrite delete, RowWrite later) {
        if (later.op() == ApplyOperation.INCREMENT) {
            return Optional.of(delete.with(later.source(), ApplyOperation.DELETE, Map.of(), Map.of(), Map.of()));
        }
        Map<String, Object> recreated = new LinkedHashMap<>(later.insertOnly());
        recreated.putAll(later.row());
        if (!recreated.keySet().containsAll(later.table().columns().keySet())) {
            return Optional.empty();
        }
        if (later.insertOnly().isEmpty() && later.increments().isEmpty()) {
            return Optional.of(later);
        }
        return Optional.of(later.with(later.source(), ApplyOperation.UPSERT, recreated, Map.of(), Map.of()));
    }

    private static RowWrite afterIncrement(RowWrite increment, RowWrite later) {
        Map<String, Object> earlierAmounts = new LinkedHashMap<>(increment.increments());
        earlierAmounts.keySet().removeAll(later.row().keySet());
        return later.with(later.source(), later.op(), later.row(), later.insertOnly(),
                summed(earlierAmounts, later.increments()));
    }

    private static Optional<RowWrite> afterUpsert(RowWrite upsert, RowWrite later) {
        Map<String, Object> row = new LinkedHashMap<>(upsert.row());
        row.putAll(later.row());
        Map<String, Object> insertOnly = new LinkedHashMap<>(upsert.insertOnly());
        insertOnly.keySet().removeAll(later.row().keySet());
        Map<String, Object> increments = new LinkedHashMap<>(upsert.increments());
        increments.keySet().removeAll(later.row().keySet());
        for (Map.Entry<String, Object> entry : later.increments().entrySet()) {
            String column = entry.getKey();
            Object amount = entry.getValue();
            if (upsert.row().containsKey(column)) {
                row.put(column, CounterValues.add(row.get(column), amount));
            } else if (upsert.insertOnly().containsKey(column)) {
                insertOnly.put(column, CounterValues.add(insertOnly.get(column), amount));
                increments.merge(column, amount, CounterValues::add);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(upsert.with(later.source(), ApplyOperation.UPSERT, row, insertOnly, increments));
    }

    /** Both maps' amounts, summed where both have a column. */
    private static Map<String, Object> summed(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> sum = new LinkedHashMap<>(a);
        b.forEach((column, amount) -> sum.merge(column, amount, CounterValues::add));
        return sum;
    }
}
