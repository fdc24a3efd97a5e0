package io.strangler.core.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The two databases a mapping joins. */
public enum Side {
    MONOLITH,
    SERVICE;

    /** The name used in mappings files and messages: {@code monolith} or {@code service}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Side other() {
        return this == MONOLITH ? SERVICE : MONOLITH;
    }

    /** Parses {@code monolith} or {@code service} (case-insensitive). */
    public static Side fromLabel(String key, String value) {
        for (Side side : values()) {
            if (side.label().equalsIgnoreCase(value)) {
                return side;
            }
        }
        throw new MappingException(key, "unknown side '" + value + "' (expected one of "
                + Arrays.stream(values()).map(Side::label).collect(Collectors.joining(", ")) + ")");
    }
}
