package io.strangler.core.mapping;

import java.util.List;
import java.util.Map;

/** Small helpers to derive mappings in tests. */
final class MappingsTestData {

    private MappingsTestData() {
    }

    static Map<String, String> renames(String from, String to) {
        return Map.of(from, to);
    }

    static Mapping withKey(Mapping mapping, List<String> key) {
        return new Mapping(mapping.name(), mapping.monolith(), mapping.service(), key, mapping.renames(),
                mapping.monolithOnly(), mapping.serviceOnly(), mapping.excludeMonolith(), mapping.excludeService(),
                mapping.direction(), mapping.conflict(), mapping.counters());
    }

    static Mapping withDirection(Mapping mapping, Direction direction) {
        return new Mapping(mapping.name(), mapping.monolith(), mapping.service(), mapping.keyColumns(), mapping.renames(),
                mapping.monolithOnly(), mapping.serviceOnly(), mapping.excludeMonolith(), mapping.excludeService(),
                direction, mapping.conflict());
    }
}
