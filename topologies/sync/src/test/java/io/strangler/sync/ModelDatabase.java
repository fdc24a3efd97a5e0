package io.strangler.sync;

import io.strangler.core.mapping.Side;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.RowChange;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One side's database in {@link SyncModelTest}: rows, a change log as capture would publish it, and applies executed
 * as the apply sink would. Rows are named by their logical key ({@code id}, or {@code email} when the mapping is keyed
 * by a unique non-primary column).
 */
interface ModelDatabase {

    /** A local write, for the oracle: when, and what the logical row {@code key} became (null when deleted). */
    record Write(Side side, Object key, long commitMicros, Map<String, Object> logical, List<String> columns) {
    }

    /**
     * A local write to the row {@code key}: insert, update or delete (or, keyed by email, a move to another key), with
     * unique values; what it did to each logical row (a move: the deletion of one key and the creation of another),
     * nothing when it did not happen.
     */
    List<Write> localWrite(Random random, Object key, long commitMicros, boolean allowInsertDelete, String tag);

    /** Executes an apply command as the apply sink would. */
    void apply(ApplyCommand command, long commitMicros, Random random);

    RowChange nextChange();

    boolean hasChanges();

    /** Every row in logical names, by logical key. */
    Map<Object, Map<String, Object>> logicalRows();
}
