package io.strangler.sync.internal;

import io.strangler.core.row.RowHash;

/** Hash constants of the sync. */
public final class Hashes {

    /**
     * The hash of "no row": what a delete writes and what a delete's echo carries. A real row hashing to all zeros
     * has probability 2^-128.
     */
    public static final RowHash DELETED = new RowHash(0L, 0L);

    private Hashes() {
    }
}
