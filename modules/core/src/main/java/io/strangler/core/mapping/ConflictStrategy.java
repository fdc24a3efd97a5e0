package io.strangler.core.mapping;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the sync picks a winner when both sides changed the same row before seeing each other's change.
 * In a mappings file:
 * <pre>{@code
 * conflict:
 *   strategy: last-write-wins     # or priority, column-merge, custom
 *   clock-skew-window: 250ms      # commits closer than this are a tie ...
 *   priority: monolith            # ... and ties go to this side
 * }</pre>
 */
public sealed interface ConflictStrategy {

    /** The strategy names accepted in mappings files, in documentation order. */
    List<String> NAMES = List.of(LastWriteWins.NAME, Priority.NAME, ColumnMerge.NAME, Custom.NAME);

    /** The default: last write wins, ties within 100 ms go to the monolith, the system of record. */
    ConflictStrategy DEFAULT = new LastWriteWins(Duration.ofMillis(100), Side.MONOLITH);

    /** The name used in mappings files, e.g. {@code last-write-wins}. */
    String strategyName();

    /** The newer commit wins; commits within {@code clockSkewWindow} of each other are won by {@code prioritySide}. */
    record LastWriteWins(Duration clockSkewWindow, Side prioritySide) implements ConflictStrategy {
        public static final String NAME = "last-write-wins";

        public LastWriteWins {
            requireWindow(clockSkewWindow);
            requireSide(prioritySide);
        }

        @Override
        public String strategyName() {
            return NAME;
        }
    }

    /** {@code side} always wins. */
    record Priority(Side side) implements ConflictStrategy {
        public static final String NAME = "priority";

        public Priority {
            requireSide(side);
        }

        @Override
        public String strategyName() {
            return NAME;
        }
    }

    /** Each column takes its newest write; ties within {@code clockSkewWindow} go to {@code prioritySide}. */
    record ColumnMerge(Duration clockSkewWindow, Side prioritySide) implements ConflictStrategy {
        public static final String NAME = "column-merge";

        public ColumnMerge {
            requireWindow(clockSkewWindow);
            requireSide(prioritySide);
        }

        @Override
        public String strategyName() {
            return NAME;
        }
    }

    /** A user's resolver class, loaded by name, given {@code params}. */
    record Custom(String className, Map<String, String> params) implements ConflictStrategy {
        public static final String NAME = "custom";

        public Custom {
            if (className == null || !className.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
                throw new MappingException("conflict.class", "must be a fully qualified Java class name, got '"
                        + className + "'");
            }
            params = Map.copyOf(params == null ? Map.of() : params);
        }

        @Override
        public String strategyName() {
            return NAME;
        }
    }

    private static void requireWindow(Duration window) {
        if (window == null || window.isNegative()) {
            throw new MappingException("conflict.clock-skew-window", "must be a non-negative duration, got " + window);
        }
    }

    private static void requireSide(Side side) {
        if (side == null) {
            throw new MappingException("conflict.priority", "must be monolith or service");
        }
    }
}
