package io.strangler.core.mapping.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML tree that remembers where each node and each key started, so errors can point at the line. */
public sealed interface YamlNode {

    int line();

    int column();

    /** A short name of the node's kind for error messages. */
    String kind();

    /** A mapping; {@code keyPositions} holds the position of each key, {@code entries} keeps file order. */
    record MapNode(int line, int column, Map<String, YamlNode> entries, Map<String, int[]> keyPositions)
            implements YamlNode {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keyPositions = Map.copyOf(keyPositions);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record ListNode(int line, int column, List<YamlNode> items) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar; {@code value} is null, a String, Boolean, Long, Double or BigInteger/BigDecimal. */
    record ScalarNode(int line, int column, Object value) implements YamlNode {
        @Override
        public String kind() {
            return value == null ? "null" : "a scalar";
        }

        /** The value as text, as the user wrote it for strings and numbers. */
        public String text() {
            return value == null ? null : value.toString();
        }
    }
}
