package io.strangler.sync.example;

import io.strangler.core.mapping.Side;
import io.strangler.sync.ConflictInput;
import io.strangler.sync.ConflictResolver;
import io.strangler.sync.Resolution;
import java.util.Map;

/** The version with the higher version column wins; a delete beats an update; ties go to the service. */
public final class HigherVersionWins implements ConflictResolver {

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
        long monolith = (Long) conflict.monolith().row().orElseThrow().get(column);
        long service = (Long) conflict.service().row().orElseThrow().get(column);
        return monolith > service
                ? Resolution.wins(Side.MONOLITH, "higher " + column)
                : Resolution.wins(Side.SERVICE, "higher or equal " + column);
    }
}
