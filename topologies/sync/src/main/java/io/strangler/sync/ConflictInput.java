package io.strangler.sync;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ConflictKind;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ConflictResolver} is given: both sides' versions of one logical row and the last version both sides
 * agreed on.
 *
 * @param mapping  the mapping's name
 * @param key      the logical key
 * @param kind     which concurrent operations collided (monolith's first)
 * @param monolith the monolith's version
 * @param service  the service's version
 * @param base     the last row image both sides held before the conflict; empty when unknown or deleted
 * @param params   the {@code params} of the mapping's custom strategy (empty for built-in strategies)
 */
public record ConflictInput(String mapping, CanonicalKey key, ConflictKind kind, ConflictVersion monolith,
        ConflictVersion service, Optional<CanonicalRow> base, Map<String, String> params) {

    public ConflictInput {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(monolith, "monolith");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(base, "base");
        params = Map.copyOf(params == null ? Map.of() : params);
    }

    public ConflictVersion version(Side side) {
        return side == Side.MONOLITH ? monolith : service;
    }
}
