package io.strangler.analyzer.evidence;

/** What a statement means for the workload model. */
public enum StatementKind {
    /** Reads or writes tables (SELECT, INSERT, UPDATE, DELETE, MERGE, ...). */
    DATA,
    /** BEGIN, START TRANSACTION. */
    BEGIN,
    /** COMMIT, END. */
    COMMIT,
    /** ROLLBACK (a rolled-back transaction's writes did not happen together, so they are not evidence). */
    ROLLBACK,
    /** SET, SHOW, DDL, SAVEPOINT ...: parsed or not, nothing to learn from. */
    IGNORED,
    /** JSqlParser could not parse it: counted and reported. */
    UNPARSEABLE
}
