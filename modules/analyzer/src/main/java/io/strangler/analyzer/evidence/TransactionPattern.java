package io.strangler.analyzer.evidence;

import java.util.List;
import java.util.Objects;

/**
 * Committed transactions that wrote the same set of tables.
 *
 * @param tables the tables written, sorted
 * @param count  how many such transactions were seen
 */
public record TransactionPattern(List<TableName> tables, long count) {

    public TransactionPattern {
        tables = Objects.requireNonNull(tables, "tables").stream().sorted().distinct().toList();
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }
}
