package io.strangler.validator;

import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import java.util.Objects;

/**
 * One write a reconcile makes on the non-authoritative side.
 *
 * @param mapping     the mapping
 * @param source      the authoritative side the data comes from
 * @param target      the side written to
 * @param table       the target table
 * @param delete      true to delete the target's row, false to upsert {@code row}
 * @param logicalKey  the key in logical names (the record key of the ApplyCommand)
 * @param key         the key in the target's column names
 * @param row         the full row in the target's column names; null for a delete
 * @param rowHash     the hash of the logical row written (zero for a delete)
 * @param cause       the discrepancy being repaired
 */
public record Repair(String mapping, Side source, Side target, TableRef table, boolean delete, CanonicalKey logicalKey,
                     CanonicalKey key, CanonicalRow row, RowHash rowHash, DiscrepancyKind cause) {

    public Repair {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(key, "key");
        if (delete != (row == null)) {
            throw new IllegalArgumentException("a delete has no row and an upsert needs one");
        }
    }

    /** One line for a dry run, e.g. {@code UPSERT service shop.purchase {"id":10} (missing-on-service)}. */
    public String describe() {
        return (delete ? "DELETE" : "UPSERT") + " " + target.label() + " " + table + " " + key.encode()
                + " (" + cause.label() + ", from " + source.label() + ")";
    }
}
