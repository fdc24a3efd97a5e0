package io.strangler.sync;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.Operation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One side's version of a row in a conflict.
 *
 * @param side              the side this version stands for
 * @param op                the operation that produced it; {@code READ} for a row read by an initial snapshot
 * @param row               the logical row (monolith column names, mapped columns only); empty for a delete
 * @param commitMicros      commit time at the source, UTC microseconds since epoch
 * @param columnWriteMicros per logical column, when this version last wrote it: for the side whose change triggered
 *                          the conflict, the columns that change wrote; for the other side, what the sync recorded (only
 *                          kept for the column-merge strategy, otherwise empty)
 */
public record ConflictVersion(Side side, Operation op, Optional<CanonicalRow> row, long commitMicros,
        Map<String, Long> columnWriteMicros) {

    public ConflictVersion {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(row, "row");
        columnWriteMicros = Map.copyOf(columnWriteMicros == null ? Map.of() : columnWriteMicros);
    }

    public boolean deleted() {
        return row.isEmpty();
    }

    /** Whether this version came from an initial snapshot, whose commit time says when it was read, not written. */
    public boolean fromSnapshot() {
        return op == Operation.READ;
    }
}
