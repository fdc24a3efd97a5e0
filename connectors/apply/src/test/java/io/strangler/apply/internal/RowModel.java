package io.strangler.apply.internal;

import io.strangler.core.row.CounterValues;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the sink's SQL does to one row, in memory, as the test oracle of coalescing: an UPSERT inserts image and
 * insert-only columns (others get their default, null here) or updates the image's columns and adds the increments;
 * an INCREMENT adds to an existing row only; a DELETE removes it. A NULL counter counts as zero, as the sink's {@code COALESCE(c, 0) + ?} does.
 */
final class RowModel {

    private final Set<String> counterColumns;

    RowModel(Set<String> counterColumns) {
        this.counterColumns = counterColumns;
    }

    /** The row after the writes, null when absent. */
    Map<String, Object> run(Map<String, Object> before, List<RowWrite> writes) {
        Map<String, Object> row = before == null ? null : new LinkedHashMap<>(before);
        for (RowWrite write : writes) {
            row = apply(row, write);
        }
        return row == null ? null : normalised(row);
    }

    private static Map<String, Object> apply(Map<String, Object> row, RowWrite write) {
        switch (write.op()) {
            case DELETE -> {
                return null;
            }
            case INCREMENT -> {
                if (row != null) {
                    write.increments().forEach((c, amount) -> row.put(c, CounterValues.add(row.get(c), amount)));
                }
                return row;
            }
            default -> {
                if (row == null) {
                    Map<String, Object> inserted = new LinkedHashMap<>();
                    write.table().columns().keySet().forEach(c -> inserted.put(c, null));
                    inserted.putAll(write.insertOnly());
                    inserted.putAll(write.row());
                    return inserted;
                }
                row.putAll(write.row());
                write.increments().forEach((c, amount) -> row.put(c, CounterValues.add(row.get(c), amount)));
                return row;
            }
        }
    }

    /** Counters compared by value: 5 and "5.00" are the same amount of money. */
    private Map<String, Object> normalised(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((c, v) -> out.put(c, counterColumns.contains(c) && v != null
                ? new BigDecimal(v.toString()).stripTrailingZeros().toPlainString() : v));
        return out;
    }
}
