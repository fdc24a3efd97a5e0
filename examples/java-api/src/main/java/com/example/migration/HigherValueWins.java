package com.example.migration;

import io.strangler.core.mapping.Side;
import io.strangler.sync.ConflictInput;
import io.strangler.sync.ConflictResolver;
import io.strangler.sync.Resolution;
import java.util.Map;

/**
 * A conflict resolver of the quick start: of two concurrent versions of a row, the one with the higher value in a
 * numeric column wins (a customer never loses loyalty points to a race); a delete beats an update; ties go to the
 * monolith. Deterministic and free of I/O, as {@link ConflictResolver} asks.
 */
public final class HigherValueWins implements ConflictResolver {

    private String column = "version";

    @Override
    public void configure(Map<String, String> params) {
        column = params.getOrDefault("column", column);
    }

    @Override
    public Resolution resolve(ConflictInput conflict) {
        if (conflict.monolith().deleted()) {
            return Resolution.wins(Side.MONOLITH, "a delete beats an update");
        }
        if (conflict.service().deleted()) {
            return Resolution.wins(Side.SERVICE, "a delete beats an update");
        }
        long monolith = ((Number) conflict.monolith().row().orElseThrow().get(column)).longValue();
        long service = ((Number) conflict.service().row().orElseThrow().get(column)).longValue();
        return service > monolith ? Resolution.wins(Side.SERVICE, "higher " + column)
                : Resolution.wins(Side.MONOLITH, "higher or equal " + column);
    }
}
