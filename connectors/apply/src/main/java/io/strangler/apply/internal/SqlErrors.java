package io.strangler.apply.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Set;

/**
 * Sorts database failures into what the sink does with them: dead-letter the command (its content is at fault),
 * retry at once (a deadlock or serialization failure), or reconnect with backoff (anything else, so that no command
 * is ever skipped because of the database's state).
 */
public final class SqlErrors {

    /** What to do about a failure. */
    public enum Kind {
        /** The command's content is rejected (SQLSTATE classes 21, 22, 23, 42, 44): dead-letter it. */
        DATA,
        /** Deadlock or serialization failure (class 40): retry the batch. */
        TRANSIENT,
        /** Connection lost or refused, server shutting down, permission denied, or unknown: reconnect with backoff. */
        CONNECTIVITY
    }

    private SqlErrors() {
    }

    public static Kind classify(SQLException error) {
        if (error instanceof SQLNonTransientConnectionException || error instanceof SQLTransientConnectionException
                || error instanceof SQLRecoverableException) {
            return Kind.CONNECTIVITY;
        }
        String state = sqlState(error);
        if (state == null || state.length() < 2) {
            return Kind.CONNECTIVITY;
        }
        if (isPermissionDenied(state, mostSpecific(error).getErrorCode())) {
            // a missing grant is the operator's to fix; dead-lettering would drain every command into the DLQ
            return Kind.CONNECTIVITY;
        }
        return switch (state.substring(0, 2)) {
            case "21", "22", "23", "42", "44" -> Kind.DATA;
            case "40" -> Kind.TRANSIENT;
            // HY000 is MariaDB's catch-all; its data errors carry proper classes, so treat it as a state problem
            default -> Kind.CONNECTIVITY;
        };
    }

    /** PostgreSQL 42501; MariaDB/MySQL 42000 with error 1142 (table) or 1143 (column) command denied. */
    private static boolean isPermissionDenied(String state, int vendorCode) {
        return "42501".equals(state) || "42000".equals(state) && (vendorCode == 1142 || vendorCode == 1143);
    }

    /** The most specific SQLSTATE in the chain: a batch failure carries the statement's error as next exception. */
    public static String sqlState(SQLException error) {
        SQLException specific = mostSpecific(error);
        return specific.getSQLState();
    }

    /** The message of the most specific exception in the chain, for dead letters and logs. */
    public static String message(SQLException error) {
        SQLException specific = mostSpecific(error);
        return specific.getMessage() == null ? specific.getClass().getName() : specific.getMessage();
    }

    /** The deepest exception with a SQLSTATE along the next-exception/cause chain (the statement's own error). */
    public static SQLException mostSpecific(SQLException error) {
        Set<Throwable> seen = new HashSet<>();
        SQLException best = error;
        SQLException current = error;
        while (current != null && seen.add(current)) {
            if (current.getSQLState() != null) {
                best = current;
            }
            SQLException next = current.getNextException();
            if (next == null && current.getCause() instanceof SQLException cause) {
                next = cause;
            }
            current = next;
        }
        return best;
    }
}
