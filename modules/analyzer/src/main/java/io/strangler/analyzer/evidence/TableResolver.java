package io.strangler.analyzer.evidence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Matches an identifier as a statement wrote it to a catalogue table: a quoted name ({@code "Orders"}, {@code `Orders`})
 * matches exactly; an unquoted one is folded to lower case as PostgreSQL does, else taken as written (MariaDB on Linux
 * keeps the case), else matched ignoring case when that is unambiguous (MariaDB with {@code lower_case_table_names}).
 * An unqualified name is looked up in the default schemas in order (PostgreSQL's search path), then in any schema
 * that holds exactly one table of that name.
 */
public final class TableResolver {

    private final Map<String, List<TableName>> byFoldedName = new HashMap<>();
    private final List<String> defaultSchemas;

    public TableResolver(Collection<TableName> tables, List<String> defaultSchemas) {
        for (TableName table : tables) {
            byFoldedName.computeIfAbsent(fold(table.name()), k -> new ArrayList<>()).add(table);
        }
        this.defaultSchemas = List.copyOf(defaultSchemas);
    }

    /**
     * @param schema the schema part as written, with its quotes; null when unqualified
     * @param name   the table part as written, with its quotes
     */
    public Optional<TableName> resolve(String schema, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        List<TableName> candidates = byFoldedName.get(fold(unquote(name)));
        if (candidates == null) {
            return Optional.empty();
        }
        List<TableName> matching = matchingNames(candidates, name);
        if (schema != null && !schema.isEmpty()) {
            return matching.stream().filter(t -> matches(t.schema(), schema)).findFirst();
        }
        for (String defaultSchema : defaultSchemas) {
            Optional<TableName> inSchema = matching.stream().filter(t -> t.schema().equals(defaultSchema)).findFirst();
            if (inSchema.isPresent()) {
                return inSchema;
            }
        }
        return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
    }

    private static List<TableName> matchingNames(List<TableName> candidates, String written) {
        if (isQuoted(written)) {
            String exact = unquote(written);
            return candidates.stream().filter(t -> t.name().equals(exact)).toList();
        }
        String folded = fold(written);
        List<TableName> byFold = candidates.stream().filter(t -> t.name().equals(folded)).toList();
        if (!byFold.isEmpty()) {
            return byFold;
        }
        List<TableName> asWritten = candidates.stream().filter(t -> t.name().equals(written)).toList();
        return asWritten.isEmpty() ? candidates : asWritten; // candidates all equal ignoring case
    }

    private static boolean matches(String stored, String written) {
        return isQuoted(written) ? stored.equals(unquote(written)) : stored.equalsIgnoreCase(written);
    }

    static boolean isQuoted(String identifier) {
        return identifier.length() >= 2
                && (identifier.charAt(0) == '"' && identifier.endsWith("\"")
                || identifier.charAt(0) == '`' && identifier.endsWith("`")
                || identifier.charAt(0) == '[' && identifier.endsWith("]"));
    }

    static String unquote(String identifier) {
        return isQuoted(identifier) ? identifier.substring(1, identifier.length() - 1) : identifier;
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
