package io.strangler.sync.internal;

import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.sync.SyncSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which mapping and side each cdc topic feeds. */
public final class MappingIndex {

    /** One (mapping, side) a topic feeds. */
    public record Route(ResolvedMapping mapping, Side side, String source, Translator translator) {
    }

    private final Map<String, List<Route>> byTopic = new LinkedHashMap<>();
    private final Map<String, ResolvedMapping> byName = new LinkedHashMap<>();
    /** Per source, the tables (schema.table) some mapping reads. */
    private final Map<String, Set<String>> tablesBySource = new HashMap<>();

    public MappingIndex(SyncSettings settings, List<ResolvedMapping> mappings) {
        for (ResolvedMapping mapping : mappings) {
            if (byName.put(mapping.name(), mapping) != null) {
                throw new IllegalArgumentException("two mappings are named '" + mapping.name() + "'");
            }
            for (Side side : Side.values()) {
                var table = mapping.mapping().table(side);
                String source = settings.source(side);
                String topic = settings.topicNames().cdc(source, table.schema(), table.table());
                byTopic.computeIfAbsent(topic, t -> new ArrayList<>())
                        .add(new Route(mapping, side, source, new Translator(mapping, side)));
                tablesBySource.computeIfAbsent(source, s -> new HashSet<>()).add(table.schema() + "." + table.table());
            }
        }
    }

    /**
     * How many of a source transaction's changes the sync reads, given its changes per table (schema.table): those of
     * the tables some mapping reads from {@code source}; the other tables' changes never reach the sync.
     */
    public long changesRead(String source, Map<String, Long> tableSizes) {
        Set<String> read = tablesBySource.getOrDefault(source, Set.of());
        long changes = 0;
        for (Map.Entry<String, Long> table : tableSizes.entrySet()) {
            if (read.contains(table.getKey())) {
                changes += table.getValue();
            }
        }
        return changes;
    }

    public List<String> topics() {
        return List.copyOf(byTopic.keySet());
    }

    public List<Route> routes(String topic) {
        return byTopic.getOrDefault(topic, List.of());
    }

    public Optional<ResolvedMapping> mapping(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<ResolvedMapping> mappings() {
        return List.copyOf(byName.values());
    }
}
