package io.strangler.sync;

import io.strangler.core.mapping.Side;
import java.util.Map;

/** A custom resolver for tests: the longer {@code name} wins; {@code prefer} names the side that wins ties. */
public final class LongestNameWins implements ConflictResolver {

    private Side prefer = Side.MONOLITH;

    @Override
    public void configure(Map<String, String> params) {
        prefer = Side.fromLabel("prefer", params.getOrDefault("prefer", "monolith"));
    }

    @Override
    public Resolution resolve(ConflictInput conflict) {
        if (conflict.monolith().deleted() || conflict.service().deleted()) {
            return Resolution.deleted("a delete beats an update");
        }
        int monolith = ((String) conflict.monolith().row().orElseThrow().get("name")).length();
        int service = ((String) conflict.service().row().orElseThrow().get("name")).length();
        if (monolith == service) {
            return Resolution.wins(prefer, "same length: preferred side");
        }
        return Resolution.wins(monolith > service ? Side.MONOLITH : Side.SERVICE, "longer name");
    }
}
