package io.strangler.analyzer.evidence;

import java.util.Set;

/**
 * The catalogue tables one statement touches.
 *
 * @param kind    how the statement counts
 * @param touched every resolved table it reads or writes (joins, subqueries, CTEs, {@code INSERT ... SELECT})
 * @param written the resolved tables it writes
 * @param unknown names it touches that are not in the catalogue (system views, tables of other schemas, CTE names)
 */
public record StatementTables(StatementKind kind, Set<TableName> touched, Set<TableName> written, Set<String> unknown) {

    static final StatementTables BEGIN = control(StatementKind.BEGIN);
    static final StatementTables COMMIT = control(StatementKind.COMMIT);
    static final StatementTables ROLLBACK = control(StatementKind.ROLLBACK);
    static final StatementTables IGNORED = control(StatementKind.IGNORED);
    static final StatementTables UNPARSEABLE = control(StatementKind.UNPARSEABLE);

    public StatementTables {
        touched = Set.copyOf(touched);
        written = Set.copyOf(written);
        unknown = Set.copyOf(unknown);
    }

    private static StatementTables control(StatementKind kind) {
        return new StatementTables(kind, Set.of(), Set.of(), Set.of());
    }
}
