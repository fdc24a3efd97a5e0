package io.strangler.apply.internal;

import io.strangler.schemas.ApplyOperation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command checked against its target table, in canonical values: what to do to one row. This is what coalescing
 * folds ({@link RowWriteFold}) and what {@link Statements} turns into SQL.
 *
 * @param source      the record this write came from; for a folded write, the last record of its row (its row hash,
 *                    reason and origin commit time are the ones the sync matches echoes and latency against)
 * @param keyColumns  the key columns in table order
 * @param key         key column → canonical value
 * @param row         UPSERT: the image, key columns included; empty for DELETE and INCREMENT
 * @param insertOnly  UPSERT: columns written only when the row is inserted; none of them is in {@code row}
 * @param increments  UPSERT and INCREMENT: counter column → amount to add to an existing row ({@link Long}, or a plain
 *                    decimal {@link String}); none of them is in {@code row} or a key column
 * @param rowIdentity table and encoded key: commands with the same identity write the same row
 */
public record RowWrite(SourceRecord source, TableInfo table, ApplyOperation op, List<String> keyColumns,
                       Map<String, Object> key, Map<String, Object> row, Map<String, Object> insertOnly,
                       Map<String, Object> increments, String rowIdentity) {

    public RowWrite {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(op, "op");
        keyColumns = List.copyOf(keyColumns);
        // canonical values may be null, which Map.copyOf refuses
        key = frozen(key);
        row = frozen(row);
        insertOnly = frozen(insertOnly);
        increments = frozen(increments);
        Objects.requireNonNull(rowIdentity, "rowIdentity");
    }

    /** Whether this write adds to counters: an INCREMENT, or an UPSERT with increments. */
    public boolean counts() {
        return op == ApplyOperation.INCREMENT || !increments.isEmpty();
    }

    /** The same row with another effect, attributed to {@code last}. */
    RowWrite with(SourceRecord last, ApplyOperation newOp, Map<String, Object> newRow, Map<String, Object> newInsertOnly,
                  Map<String, Object> newIncrements) {
        return new RowWrite(last, table, newOp, keyColumns, key, newRow, newInsertOnly, newIncrements, rowIdentity);
    }

    private static Map<String, Object> frozen(Map<String, Object> values) {
        return values == null || values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
