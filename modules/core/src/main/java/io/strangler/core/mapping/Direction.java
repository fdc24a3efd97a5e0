package io.strangler.core.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which way changes flow for a mapping. */
public enum Direction {
    BOTH,
    MONOLITH_TO_SERVICE,
    SERVICE_TO_MONOLITH;

    /** The name used in mappings files: {@code both}, {@code monolith-to-service}, {@code service-to-monolith}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the sync writes rows into {@code side}. */
    public boolean writesTo(Side side) {
        return switch (this) {
            case BOTH -> true;
            case MONOLITH_TO_SERVICE -> side == Side.SERVICE;
            case SERVICE_TO_MONOLITH -> side == Side.MONOLITH;
        };
    }

    /** Parses a label; underscores and upper case are accepted too ({@code MONOLITH_TO_SERVICE}). */
    public static Direction fromLabel(String key, String value) {
        for (Direction direction : values()) {
            if (direction.label().equalsIgnoreCase(value.replace('_', '-'))) {
                return direction;
            }
        }
        throw new MappingException(key, "unknown direction '" + value + "' (expected one of "
                + Arrays.stream(values()).map(Direction::label).collect(Collectors.joining(", ")) + ")");
    }
}
