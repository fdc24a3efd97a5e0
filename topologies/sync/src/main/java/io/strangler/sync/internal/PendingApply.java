package io.strangler.sync.internal;

import io.strangler.core.row.RowHash;
import java.util.Objects;

/**
 * An apply command sent to a side whose echo has not come back yet.
 *
 * @param version the version of the agreed image it carried ({@link RowState#version()})
 * @param counted whether the sync counts on it to land after everything the side reported so far: false once the side
 *                reported a local change committed around or after it was sent (it may have landed before that change
 *                without an echo); it is still awaited, so that its echo is recognised
 */
public record PendingApply(RowHash hash, long sentMillis, long version, boolean counted) {

    public PendingApply {
        Objects.requireNonNull(hash, "hash");
    }

    public PendingApply(RowHash hash, long sentMillis, long version) {
        this(hash, sentMillis, version, true);
    }
}
