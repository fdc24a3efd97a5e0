package io.strangler.analyzer.evidence;

import java.util.List;
import java.util.Objects;

/**
 * All executions of statements that touch the same set of tables.
 *
 * @param tables      the tables touched, sorted
 * @param calls       how many times such statements ran
 * @param totalMillis their total execution time where the source knows it (pg_stat_statements), else 0
 * @param example     one such statement's shape (literals replaced by {@code ?}), for the report
 */
public record QueryPattern(List<TableName> tables, long calls, double totalMillis, String example) {

    public QueryPattern {
        tables = Objects.requireNonNull(tables, "tables").stream().sorted().distinct().toList();
        Objects.requireNonNull(example, "example");
        if (calls < 0) {
            throw new IllegalArgumentException("calls must not be negative, was " + calls);
        }
    }
}
