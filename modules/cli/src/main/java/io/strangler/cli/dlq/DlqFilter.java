package io.strangler.cli.dlq;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which dead letters a {@code strangler dlq} command works on. Empty sets match everything; {@code positions} are
 * {@code partition:offset} or a bare offset (any partition). {@code limit} keeps the first matches in DLQ order.
 */
record DlqFilter(Set<String> components, Set<String> tables, Optional<Instant> since, Set<String> positions,
                 OptionalInt limit) {

    static final DlqFilter ALL = new DlqFilter(Set.of(), Set.of(), Optional.empty(), Set.of(), OptionalInt.empty());

    DlqFilter {
        components = Set.copyOf(components);
        tables = Set.copyOf(tables);
        positions = Set.copyOf(positions);
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, was " + limit.getAsInt());
        }
        for (String position : positions) {
            if (!position.matches("(\\d+:)?\\d+")) {
                throw new IllegalArgumentException("--offset '" + position + "' is not OFFSET or PARTITION:OFFSET");
            }
        }
    }

    DlqFilter withoutLimit() {
        return new DlqFilter(components, tables, since, positions, OptionalInt.empty());
    }

    boolean matches(DlqEntry entry) {
        return (components.isEmpty() || components.contains(entry.component()))
                // a table filter matches schema.table as written, or the table name alone
                && (tables.isEmpty() || entry.table().filter(this::tableMatches).isPresent())
                && since.map(from -> !entry.failedAt().isBefore(from)).orElse(true)
                && (positions.isEmpty() || positions.contains(entry.position())
                        || positions.contains(Long.toString(entry.offset())));
    }

    private boolean tableMatches(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return tables.contains(qualified) || (dot >= 0 && tables.contains(qualified.substring(dot + 1)));
    }
}
