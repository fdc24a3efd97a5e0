package io.strangler.sync.internal;

import io.strangler.core.row.RowHash;
import java.util.Objects;

/** An apply command sent to a side whose echo has not come back yet. */
public record PendingApply(RowHash hash, long sentMillis) {

    public PendingApply {
        Objects.requireNonNull(hash, "hash");
    }
}
