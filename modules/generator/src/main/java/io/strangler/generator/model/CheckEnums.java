package io.strangler.generator.model;

import io.strangler.core.catalog.CheckConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a check constraint that limits one column to a list of string literals, as each engine shows it:
 * PostgreSQL {@code ((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))},
 * MariaDB {@code `status` in ('a','b')}. Anything more complex (AND, OR, other columns) is not an enum.
 */
public final class CheckEnums {

    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern IDENTIFIER = Pattern.compile("[\"`]?([\\p{L}\\p{N}_$ ]+)[\"`]?");

    private CheckEnums() {
    }

    /** The labels, in constraint order, when {@code check} is {@code column IN (...)}. */
    public static Optional<List<String>> labels(CheckConstraint check, String column) {
        String expression = check.expression();
        String lower = expression.toLowerCase(Locale.ROOT);
        if (lower.contains(" and ") || lower.contains(" or ") || lower.contains("not ")
                || !(lower.contains(" in ") || lower.contains(" in(") || lower.contains("= any"))) {
            return Optional.empty();
        }
        int operator = lower.contains("= any") ? lower.indexOf("= any") : lower.contains(" in ") ? lower.indexOf(" in ") : lower.indexOf(" in(");
        String left = expression.substring(0, operator).replaceAll("::[\\w ]+", "").replaceAll("[()\\s]", "");
        Matcher identifier = IDENTIFIER.matcher(left);
        if (!identifier.matches() || !identifier.group(1).equals(column)) {
            return Optional.empty();
        }
        List<String> labels = new ArrayList<>();
        Matcher literal = LITERAL.matcher(expression.substring(operator));
        while (literal.find()) {
            labels.add(literal.group(1).replace("''", "'"));
        }
        return labels.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(labels));
    }
}
