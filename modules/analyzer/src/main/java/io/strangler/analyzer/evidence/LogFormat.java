package io.strangler.analyzer.evidence;

/** The kinds of SQL input the analyzer reads; {@link SqlLogReader#detect} recognises them from the first lines. */
public enum LogFormat {
    /** Statements ending in {@code ;}, one or many per line, comments allowed, BEGIN ... COMMIT marking transactions. */
    SQL_FILE,
    /** One statement per line, no terminator needed. */
    ONE_PER_LINE,
    /**
     * PostgreSQL's stderr log with {@code log_statement=all} or {@code log_min_duration_statement=0}: {@code LOG:
     * statement: ...}, {@code LOG:  execute <name>: ...}, {@code LOG:  duration: 1.2 ms  statement: ...}; the session
     * is the process id in {@code log_line_prefix} ({@code [%p]}, the default).
     */
    POSTGRESQL_LOG,
    /** MySQL/MariaDB general query log: {@code <time> <thread id> Query <sql>}; the session is the thread id. */
    MYSQL_GENERAL_LOG
}
