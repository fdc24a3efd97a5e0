package io.strangler.core.mapping.internal;

import io.strangler.core.catalog.Column;
import io.strangler.core.catalog.TypeFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether two columns may be paired and what a write from one into the other may lose. Pairs are
 * allowed only where both columns have the same canonical value (see the canonical value contract), so that
 * row hashes agree across engines.
 */
public final class TypeCompatibility {

    private TypeCompatibility() {
    }

    /** Why {@code a} and {@code b} can never be paired, or empty when they can. */
    public static Optional<String> incompatibility(Column a, Column b) {
        TypeFamily x = a.family();
        TypeFamily y = b.family();
        if (x == y && (x != TypeFamily.OTHER || a.typeName().equals(b.typeName()))) {
            return Optional.empty();
        }
        if (pair(x, y, TypeFamily.ENUM, TypeFamily.STRING) || pair(x, y, TypeFamily.UUID, TypeFamily.STRING)
                || pair(x, y, TypeFamily.TIMESTAMP, TypeFamily.TIMESTAMPTZ)) {
            return Optional.empty();
        }
        return Optional.of("incompatible types: " + describe(a) + " and " + describe(b)
                + " hold different kinds of values (families " + name(x) + " and " + name(y) + ")");
    }

    /** The warnings (and, for UUIDs into short strings, errors prefixed "ERROR:") of writing {@code from} into {@code to}. */
    public static List<String> narrowing(Column from, Column to) {
        List<String> problems = new ArrayList<>();
        String flow = describe(from) + " -> " + describe(to);
        switch (to.family()) {
            case STRING -> {
                Integer sourceLength = switch (from.family()) {
                    case ENUM -> from.enumValues().stream().mapToInt(String::length).max().orElse(0);
                    case UUID -> 36;
                    default -> from.length();
                };
                if (from.family() == TypeFamily.UUID && to.length() != null && to.length() < 36) {
                    problems.add("ERROR:a UUID needs 36 characters but " + describe(to) + " holds " + to.length());
                }
                else if (to.length() != null && (sourceLength == null || sourceLength > to.length())) {
                    problems.add("narrowing " + flow + ": longer values will be rejected or truncated");
                }
            }
            case BYTES -> {
                if (to.length() != null && (from.length() == null || from.length() > to.length())) {
                    problems.add("narrowing " + flow + ": longer values will be rejected or truncated");
                }
            }
            case ENUM -> {
                if (from.family() == TypeFamily.ENUM) {
                    List<String> missing = from.enumValues().stream().filter(label -> !to.enumValues().contains(label)).toList();
                    if (!missing.isEmpty()) {
                        problems.add("narrowing " + flow + ": labels " + missing + " do not exist on the target");
                    }
                }
                else {
                    problems.add("narrowing " + flow + ": values other than " + to.enumValues() + " will be rejected");
                }
            }
            case UUID -> {
                if (from.family() == TypeFamily.STRING) {
                    problems.add("narrowing " + flow + ": strings that are not UUIDs will be rejected");
                }
            }
            case DECIMAL -> decimalNarrowing(from, to, flow, problems);
            case INTEGER -> {
                if (integerBits(from) > integerBits(to)) {
                    problems.add("narrowing " + flow + ": large values will be rejected");
                }
            }
            case FLOAT -> {
                if (floatBytes(from) > floatBytes(to)) {
                    problems.add("narrowing " + flow + ": precision will be lost");
                }
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                if (from.family() != to.family()) {
                    problems.add(flow + ": a timestamp without time zone is read and written as UTC");
                }
            }
            default -> {
                // same family, nothing that can be narrowed
            }
        }
        if (from.nullable() && !to.nullable()) {
            problems.add(flow + ": the source allows NULL but the target is NOT NULL; NULLs will be rejected");
        }
        return problems;
    }

    private static void decimalNarrowing(Column from, Column to, String flow, List<String> problems) {
        if (to.precision() == null) {
            return;
        }
        if (from.precision() == null) {
            problems.add("narrowing " + flow + ": an unbounded numeric into a bounded one may lose digits");
            return;
        }
        int fromScale = from.scale() == null ? 0 : from.scale();
        int toScale = to.scale() == null ? 0 : to.scale();
        if (fromScale > toScale) {
            problems.add("narrowing " + flow + ": scale " + fromScale + " -> " + toScale + " loses decimal places");
        }
        if (from.precision() - fromScale > to.precision() - toScale) {
            problems.add("narrowing " + flow + ": fewer integer digits, large values will be rejected");
        }
    }

    /** Magnitude bits: a signed n-byte integer has 8n-1, an unsigned one 8n. */
    private static int integerBits(Column column) {
        String type = column.typeName().toLowerCase(Locale.ROOT);
        int bytes = switch (type) {
            case "tinyint" -> 1;
            case "int2", "smallint", "year" -> 2;
            case "mediumint" -> 3;
            case "int4", "int", "integer" -> 4;
            default -> 8;
        };
        boolean unsigned = column.columnType().toLowerCase(Locale.ROOT).contains("unsigned");
        return bytes * 8 - (unsigned ? 0 : 1);
    }

    private static int floatBytes(Column column) {
        return Set.of("float4", "float", "real").contains(column.typeName().toLowerCase(Locale.ROOT))
                && !column.columnType().toLowerCase(Locale.ROOT).startsWith("double") ? 4 : 8;
    }

    private static boolean pair(TypeFamily x, TypeFamily y, TypeFamily a, TypeFamily b) {
        return x == a && y == b || x == b && y == a;
    }

    private static String describe(Column column) {
        return column.columnType();
    }

    private static String name(TypeFamily family) {
        return family.name().toLowerCase(Locale.ROOT);
    }
}
