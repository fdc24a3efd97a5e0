package io.strangler.sync.internal;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import java.util.List;
import java.util.Objects;

/**
 * One side's change translated into the mapping's logical names: what travels through the repartition topic.
 *
 * @param row         logical row in the mapping's column order; null for a delete
 * @param hash        hash of {@code row} over the mapping's columns; {@link Hashes#DELETED} for a delete
 * @param beforeHash  hash of the before image when the source gave a complete one; otherwise null
 * @param unavailable logical columns whose value the source could not provide (unchanged TOAST values)
 * @param origin      who wrote the change, as capture tagged it: APPLY (the sync's own write, an echo), LOCAL (anybody
 *                    else's), or null when capture could not tell (then echoes are recognised by content)
 * @param counterDeltas what the change added to the mapping's counter columns (logical names; a created row adds its
 *                    values, an update {@code after - before}); only non-zero deltas, empty for anything else
 * @param transaction where the change sits in a source transaction the sink applies whole; null for a change that
 *                    stands alone (not the application's, a one-change transaction, capture did not see it whole)
 */
public record LogicalChange(String mapping, Side side, Operation op, CanonicalKey key, CanonicalRow row, RowHash hash,
        RowHash beforeHash, List<String> unavailable, long commitMicros, String position, ChangeOrigin origin,
        CanonicalRow counterDeltas, TransactionTag transaction) {

    /** A change outside any transaction the sink applies whole. */
    public LogicalChange(String mapping, Side side, Operation op, CanonicalKey key, CanonicalRow row, RowHash hash,
            RowHash beforeHash, List<String> unavailable, long commitMicros, String position, ChangeOrigin origin,
            CanonicalRow counterDeltas) {
        this(mapping, side, op, key, row, hash, beforeHash, unavailable, commitMicros, position, origin, counterDeltas,
                null);
    }

    /** A change that adds nothing to counters. */
    public LogicalChange(String mapping, Side side, Operation op, CanonicalKey key, CanonicalRow row, RowHash hash,
            RowHash beforeHash, List<String> unavailable, long commitMicros, String position, ChangeOrigin origin) {
        this(mapping, side, op, key, row, hash, beforeHash, unavailable, commitMicros, position, origin,
                CanonicalRow.empty());
    }

    /** A change of unknown origin. */
    public LogicalChange(String mapping, Side side, Operation op, CanonicalKey key, CanonicalRow row, RowHash hash,
            RowHash beforeHash, List<String> unavailable, long commitMicros, String position) {
        this(mapping, side, op, key, row, hash, beforeHash, unavailable, commitMicros, position, null);
    }

    public LogicalChange {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hash, "hash");
        unavailable = List.copyOf(unavailable == null ? List.of() : unavailable);
        position = position == null ? "" : position;
        counterDeltas = counterDeltas == null ? CanonicalRow.empty() : counterDeltas;
        if ((row == null) != (op == Operation.DELETE)) {
            throw new IllegalArgumentException("only a delete has no row: " + op);
        }
    }

    /** This change as part of {@code tag}'s transaction. */
    public LogicalChange inTransaction(TransactionTag tag) {
        return new LogicalChange(mapping, side, op, key, row, hash, beforeHash, unavailable, commitMicros, position, origin,
                counterDeltas, tag);
    }

    public boolean deleted() {
        return row == null;
    }

    /** The store and repartition key: mapping name and logical key. */
    public String storeKey() {
        return storeKey(mapping, key);
    }

    public static String storeKey(String mapping, CanonicalKey key) {
        // mapping names never contain '/', so the first '/' separates the two parts
        return mapping + "/" + key.encode();
    }
}
