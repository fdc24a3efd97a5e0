package io.strangler.sync.internal;

import io.strangler.core.mapping.Side;
import java.util.Objects;

/**
 * The store value per logical row (DESIGN §5).
 *
 * @param agreed         the agreed image; null while no side has reported the row
 * @param base           the last image both sides were known to hold, when the agreed image has moved on since; null
 *                       when it equals {@code agreed} (or no image was ever confirmed)
 * @param monolith       what the sync knows of the monolith's copy
 * @param service        what the sync knows of the service's copy
 * @param deletedMillis  wall-clock time the agreed image became a deletion; {@link #NOT_DELETED} while it is not one
 * @param version        how many times the agreed image has moved: identifies it where its hash cannot (deletions)
 */
public record RowState(Image agreed, Image base, SideState monolith, SideState service, long deletedMillis,
        long version) {

    public static final long NOT_DELETED = Long.MIN_VALUE;
    public static final RowState EMPTY = new RowState(null, null, SideState.UNKNOWN, SideState.UNKNOWN, NOT_DELETED, 0);

    public RowState {
        Objects.requireNonNull(monolith, "monolith");
        Objects.requireNonNull(service, "service");
    }

    public SideState side(Side side) {
        return side == Side.MONOLITH ? monolith : service;
    }

    public RowState with(Side side, SideState state) {
        return side == Side.MONOLITH ? new RowState(agreed, base, state, service, deletedMillis, version)
                : new RowState(agreed, base, monolith, state, deletedMillis, version);
    }

    /** The state with a new agreed image, which gets the next version. */
    public RowState withAgreed(Image image) {
        return new RowState(image, base, monolith, service, deletedMillis, version + 1);
    }

    /**
     * The state with the agreed image restated, keeping its version: the same content, which a side that held it still
     * holds (a deletion that the other side turned out to have made as well).
     */
    public RowState restating(Image image) {
        return new RowState(image, base, monolith, service, deletedMillis, version);
    }

    public RowState withBase(Image image) {
        return new RowState(agreed, image, monolith, service, deletedMillis, version);
    }

    public RowState withDeletedMillis(long millis) {
        return new RowState(agreed, base, monolith, service, millis, version);
    }

    /** Whether the agreed image is a deletion (a tombstone awaiting expiry). */
    public boolean tombstone() {
        return agreed != null && agreed.deleted();
    }

    /** Both sides are known to hold the agreed image and nothing is in flight. */
    public boolean confirmed() {
        return agreed != null && agreed.hash().equals(monolith.last()) && agreed.hash().equals(service.last())
                && monolith.pending().isEmpty() && service.pending().isEmpty();
    }

    /** The last image both sides held: {@code base}, or the agreed image itself when confirmed. */
    public Image commonBase() {
        return base != null ? base : confirmed() ? agreed : null;
    }
}
