package io.strangler.analyzer.evidence;

import java.util.List;
import java.util.Objects;

/** A foreign key from {@code from} (the referencing table) to {@code to}; a self-reference has {@code from == to}. */
public record ForeignKeyLink(TableName from, TableName to, String constraint, List<String> columns) {

    public ForeignKeyLink {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(constraint, "constraint");
        columns = List.copyOf(columns);
    }

    public boolean selfReference() {
        return from.equals(to);
    }
}
