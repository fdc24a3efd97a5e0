package io.strangler.consistency.internal;

import io.strangler.consistency.ConsistencySettings;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the mappings (and the side) a captured table belongs to, and lists the cdc topics to read. */
public final class MappingIndex {

    /** A mapping seen from one of its sides. */
    public record Target(ResolvedMapping mapping, Side side) {
    }

    private final Map<String, List<Target>> bySourceTable = new HashMap<>();
    private final Map<String, ResolvedMapping> byName = new LinkedHashMap<>();
    private final Set<String> topics = new LinkedHashSet<>();

    public MappingIndex(ConsistencySettings settings, List<ResolvedMapping> mappings) {
        for (ResolvedMapping mapping : mappings) {
            if (byName.put(mapping.name(), mapping) != null) {
                throw new IllegalArgumentException("two mappings are named '" + mapping.name() + "'");
            }
            for (Side side : Side.values()) {
                String source = settings.source(side);
                var table = mapping.mapping().table(side);
                bySourceTable.computeIfAbsent(key(source, table.schema(), table.table()), k -> new ArrayList<>())
                        .add(new Target(mapping, side));
                topics.add(settings.topicNames().cdc(source, table.schema(), table.table()));
            }
        }
    }

    /** The mappings a change of {@code source.schema.table} feeds; empty when none. */
    public List<Target> targets(String source, String schema, String table) {
        return bySourceTable.getOrDefault(key(source, schema, table), List.of());
    }

    public ResolvedMapping mapping(String name) {
        ResolvedMapping mapping = byName.get(name);
        if (mapping == null) {
            throw new IllegalArgumentException("no mapping named '" + name + "' (known: " + byName.keySet() + ")");
        }
        return mapping;
    }

    public boolean knows(String name) {
        return byName.containsKey(name);
    }

    public List<String> mappingNames() {
        return List.copyOf(byName.keySet());
    }

    /** The cdc topics of every mapped table on both sides, in mapping order. */
    public List<String> topics() {
        return List.copyOf(topics);
    }

    private static String key(String source, String schema, String table) {
        return source + '\u0000' + schema + '\u0000' + table;
    }
}
