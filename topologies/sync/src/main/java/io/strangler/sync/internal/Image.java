package io.strangler.sync.internal;

import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.Operation;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a logical row: its values (null when deleted), hash, where it came from, the operation and commit
 * time that produced it, and, for column merge, when each column was last written.
 *
 * @param row           logical row in the mapping's column order; {@code null} for a deletion
 * @param hash          {@link Hashes#DELETED} for a deletion
 * @param columnMicros  per logical column, the commit time of its last write; empty unless the strategy merges columns
 */
public record Image(CanonicalRow row, RowHash hash, Origin origin, Operation op, long commitMicros,
        Map<String, Long> columnMicros) {

    public Image {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(op, "op");
        columnMicros = Map.copyOf(columnMicros == null ? Map.of() : columnMicros);
        if ((row == null) != (op == Operation.DELETE)) {
            throw new IllegalArgumentException("a deletion has no row and only a deletion has none: " + op);
        }
    }

    public boolean deleted() {
        return row == null;
    }
}
