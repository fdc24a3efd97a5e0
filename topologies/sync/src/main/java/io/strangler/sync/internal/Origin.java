package io.strangler.sync.internal;

import io.strangler.core.mapping.Side;
import io.strangler.schemas.ConflictWinner;

/** Where an agreed image came from: one side's change, or a merge of both. */
public enum Origin {
    MONOLITH,
    SERVICE,
    MERGED;

    public static Origin of(Side side) {
        return side == Side.MONOLITH ? MONOLITH : SERVICE;
    }

    public boolean is(Side side) {
        return this == of(side);
    }

    public ConflictWinner toWinner() {
        return ConflictWinner.valueOf(name());
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
