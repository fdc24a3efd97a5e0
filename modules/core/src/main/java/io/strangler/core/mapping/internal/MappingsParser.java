package io.strangler.core.mapping.internal;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.MappingException;
import io.strangler.core.mapping.OneSidedColumn;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import io.strangler.core.mapping.internal.YamlNode.ListNode;
import io.strangler.core.mapping.internal.YamlNode.MapNode;
import io.strangler.core.mapping.internal.YamlNode.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a mappings YAML document into {@link Mapping}s; every error names file, line, mapping and key. */
public final class MappingsParser {

    private static final Set<String> ROOT_KEYS = Set.of("mappings");
    private static final Set<String> MAPPING_KEYS = Set.of("name", "monolith", "service", "key", "columns",
            "monolith-only", "service-only", "exclude", "direction", "conflict", "counters");
    private static final Set<String> TABLE_KEYS = Set.of("schema", "table");
    private static final Set<String> ONE_SIDED_KEYS = Set.of("column", "default");
    private static final Set<String> EXCLUDE_KEYS = Set.of("monolith", "service");
    private static final Map<String, Set<String>> CONFLICT_KEYS = Map.of(
            ConflictStrategy.LastWriteWins.NAME, Set.of("strategy", "clock-skew-window", "priority"),
            ConflictStrategy.Priority.NAME, Set.of("strategy", "priority"),
            ConflictStrategy.ColumnMerge.NAME, Set.of("strategy", "clock-skew-window", "priority"),
            ConflictStrategy.Custom.NAME, Set.of("strategy", "class", "params"));

    private final String source;
    private String mapping;

    private MappingsParser(String source) {
        this.source = source;
    }

    /** Parses {@code yaml}; {@code source} (usually the file name) prefixes every error message. */
    public static List<Mapping> parse(String source, String yaml) {
        return new MappingsParser(source).parseDocument(YamlTreeReader.read(source, yaml));
    }

    private List<Mapping> parseDocument(YamlNode root) {
        if (root instanceof ScalarNode scalar && scalar.value() == null) {
            throw error(root, null, "the file is empty (expected a 'mappings:' list)");
        }
        MapNode document = map(root, null);
        requireKnownKeys(document, ROOT_KEYS, "");
        YamlNode list = require(document, "mappings", "");
        List<Mapping> mappings = new ArrayList<>();
        Map<String, YamlNode> seen = new HashMap<>();
        for (YamlNode item : list(list, "mappings").items()) {
            mapping = null;
            Mapping parsed = parseMapping(item);
            YamlNode previous = seen.putIfAbsent(parsed.name(), item);
            if (previous != null) {
                throw error(((MapNode) item).entries().get("name"), "name", "duplicate mapping name (first defined at line "
                        + previous.line() + ")");
            }
            mappings.add(parsed);
        }
        return mappings;
    }

    private Mapping parseMapping(YamlNode node) {
        MapNode item = map(node, "mappings[]");
        mapping = text(require(item, "name", ""), "name");
        requireKnownKeys(item, MAPPING_KEYS, "");
        try {
            return new Mapping(
                    mapping,
                    tableRef(require(item, "monolith", ""), "monolith"),
                    tableRef(require(item, "service", ""), "service"),
                    item.entries().containsKey("key") ? names(item.entries().get("key"), "key") : List.of(),
                    renames(item.entries().get("columns")),
                    oneSided(item.entries().get("monolith-only"), "monolith-only"),
                    oneSided(item.entries().get("service-only"), "service-only"),
                    excluded(item.entries().get("exclude"), "monolith"),
                    excluded(item.entries().get("exclude"), "service"),
                    direction(item.entries().get("direction")),
                    conflict(item.entries().get("conflict")),
                    item.entries().containsKey("counters") ? names(item.entries().get("counters"), "counters") : List.of());
        }
        catch (MappingException e) {
            YamlNode at = locate(item, e.key().orElse(null));
            throw e.locatedAt(source, at.line(), at.column(), mapping);
        }
    }

    private TableRef tableRef(YamlNode node, String key) {
        if (node instanceof ScalarNode scalar && scalar.value() instanceof String text) {
            int dot = text.indexOf('.');
            if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
                throw error(node, key, "expected 'schema.table' or {schema: ..., table: ...}, got '" + text + "'");
            }
            return new TableRef(text.substring(0, dot), text.substring(dot + 1));
        }
        MapNode table = map(node, key);
        requireKnownKeys(table, TABLE_KEYS, key + ".");
        return new TableRef(text(require(table, "schema", key + "."), key + ".schema"),
                text(require(table, "table", key + "."), key + ".table"));
    }

    private Map<String, String> renames(YamlNode node) {
        if (node == null) {
            return Map.of();
        }
        Map<String, String> renames = new LinkedHashMap<>();
        map(node, "columns").entries().forEach((from, to) -> renames.put(from, text(to, "columns." + from)));
        return renames;
    }

    private List<OneSidedColumn> oneSided(YamlNode node, String key) {
        if (node == null) {
            return List.of();
        }
        List<OneSidedColumn> columns = new ArrayList<>();
        for (YamlNode item : list(node, key).items()) {
            if (item instanceof ScalarNode) {
                columns.add(new OneSidedColumn(text(item, key), null));
                continue;
            }
            MapNode column = map(item, key + "[]");
            requireKnownKeys(column, ONE_SIDED_KEYS, key + "[].");
            YamlNode value = column.entries().get("default");
            if (value != null && !(value instanceof ScalarNode)) {
                throw error(value, key + "[].default", "expected a scalar default value, got " + value.kind());
            }
            Object defaultValue = value == null ? null : ((ScalarNode) value).value();
            if (defaultValue instanceof Number number && !(defaultValue instanceof Integer || defaultValue instanceof Long
                    || defaultValue instanceof Double)) {
                defaultValue = number.toString();
            }
            columns.add(new OneSidedColumn(text(require(column, "column", key + "[]."), key + "[].column"), defaultValue));
        }
        return columns;
    }

    private List<String> excluded(YamlNode node, String side) {
        if (node == null) {
            return List.of();
        }
        MapNode exclude = map(node, "exclude");
        requireKnownKeys(exclude, EXCLUDE_KEYS, "exclude.");
        YamlNode names = exclude.entries().get(side);
        return names == null ? List.of() : names(names, "exclude." + side);
    }

    private Direction direction(YamlNode node) {
        if (node == null) {
            return Direction.BOTH;
        }
        String value = text(node, "direction");
        try {
            return Direction.fromLabel("direction", value);
        }
        catch (MappingException e) {
            throw error(node, "direction", e.detail());
        }
    }

    private ConflictStrategy conflict(YamlNode node) {
        if (node == null) {
            return ConflictStrategy.DEFAULT;
        }
        MapNode conflict = map(node, "conflict");
        YamlNode strategyNode = require(conflict, "strategy", "conflict.");
        String strategy = text(strategyNode, "conflict.strategy");
        Set<String> allowed = CONFLICT_KEYS.get(strategy);
        if (allowed == null) {
            throw error(strategyNode, "conflict.strategy", "unknown conflict strategy '" + strategy + "' (expected one of "
                    + String.join(", ", ConflictStrategy.NAMES) + ")");
        }
        requireKnownKeys(conflict, allowed, "conflict.");
        return switch (strategy) {
            case ConflictStrategy.LastWriteWins.NAME -> new ConflictStrategy.LastWriteWins(window(conflict), prioritySide(conflict));
            case ConflictStrategy.ColumnMerge.NAME -> new ConflictStrategy.ColumnMerge(window(conflict), prioritySide(conflict));
            case ConflictStrategy.Priority.NAME -> new ConflictStrategy.Priority(side(require(conflict, "priority", "conflict.")));
            default -> new ConflictStrategy.Custom(text(require(conflict, "class", "conflict."), "conflict.class"),
                    params(conflict.entries().get("params")));
        };
    }

    private Duration window(MapNode conflict) {
        YamlNode node = conflict.entries().get("clock-skew-window");
        if (node == null) {
            return ((ConflictStrategy.LastWriteWins) ConflictStrategy.DEFAULT).clockSkewWindow();
        }
        try {
            return Durations.parse(text(node, "conflict.clock-skew-window"));
        }
        catch (IllegalArgumentException e) {
            throw error(node, "conflict.clock-skew-window", e.getMessage());
        }
    }

    private Side prioritySide(MapNode conflict) {
        YamlNode node = conflict.entries().get("priority");
        return node == null ? Side.MONOLITH : side(node);
    }

    private Side side(YamlNode node) {
        try {
            return Side.fromLabel("conflict.priority", text(node, "conflict.priority"));
        }
        catch (MappingException e) {
            throw error(node, "conflict.priority", e.detail());
        }
    }

    private Map<String, String> params(YamlNode node) {
        if (node == null) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        map(node, "conflict.params").entries().forEach((key, value) -> {
            if (!(value instanceof ScalarNode scalar) || scalar.value() == null) {
                throw error(value, "conflict.params." + key, "expected a scalar value, got " + value.kind());
            }
            params.put(key, scalar.text());
        });
        return params;
    }

    private List<String> names(YamlNode node, String key) {
        if (node instanceof ScalarNode) {
            return List.of(text(node, key));
        }
        List<String> names = new ArrayList<>();
        for (YamlNode item : list(node, key).items()) {
            names.add(text(item, key + "[]"));
        }
        return names;
    }

    private MapNode map(YamlNode node, String key) {
        if (node instanceof MapNode map) {
            return map;
        }
        throw error(node, key, "expected a mapping (key: value lines), got " + node.kind());
    }

    private ListNode list(YamlNode node, String key) {
        if (node instanceof ListNode list) {
            return list;
        }
        throw error(node, key, "expected a list, got " + node.kind());
    }

    private String text(YamlNode node, String key) {
        if (node instanceof ScalarNode scalar && scalar.value() != null && !(scalar.value() instanceof Boolean)) {
            String text = scalar.text();
            if (!text.isBlank()) {
                return text;
            }
        }
        throw error(node, key, "expected a non-empty name or value, got " + node.kind());
    }

    private YamlNode require(MapNode map, String child, String prefix) {
        YamlNode node = map.entries().get(child);
        if (node == null) {
            throw error(map, prefix + child, "is required");
        }
        return node;
    }

    private void requireKnownKeys(MapNode map, Set<String> allowed, String prefix) {
        for (String key : map.entries().keySet()) {
            if (!allowed.contains(key)) {
                int[] at = map.keyPositions().get(key);
                throw new MappingException(source, at[0], at[1], mapping, prefix + key, "unknown key (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private YamlNode locate(MapNode item, String key) {
        if (key == null) {
            return item;
        }
        String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        YamlNode node = item.entries().get(first);
        return node == null ? item : node;
    }

    private MappingException error(YamlNode node, String key, String detail) {
        return new MappingException(source, node.line(), node.column(), mapping, key, detail);
    }
}
