package io.strangler.sync.internal;

import io.strangler.core.row.RowHash;
import java.util.Objects;

/**
 * An apply command sent to a side whose echo has not come back yet.
 *
 * @param version the version of the agreed image it carried ({@link RowState#version()})
 */
public record PendingApply(RowHash hash, long sentMillis, long version) {

    public PendingApply {
        Objects.requireNonNull(hash, "hash");
    }
}
