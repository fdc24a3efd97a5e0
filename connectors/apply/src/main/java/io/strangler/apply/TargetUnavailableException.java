package io.strangler.apply;

import io.strangler.apply.internal.SqlErrors;
import java.sql.SQLException;

/**
 * The target database cannot be reached or lost the connection. The sink never dead-letters because of it: it
 * retries with backoff, and {@link ApplySink#status()} reports this error (message only, never credentials) until
 * the database is back.
 *
 * <p>Example message: {@code target 'service' database jdbc:postgresql://127.0.0.1:5432/service is unreachable
 * (SQLState 08001): Connection to 127.0.0.1:5432 refused}.
 */
public final class TargetUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public TargetUnavailableException(String target, String urlForLogs, SQLException cause) {
        super("target '" + target + "' database " + urlForLogs + " is unreachable (SQLState "
                + SqlErrors.sqlState(cause) + "): " + SqlErrors.message(cause), cause);
        this.sqlState = SqlErrors.sqlState(cause);
    }

    /** SQLSTATE of the underlying failure, e.g. {@code 08001}; may be null. */
    public String sqlState() {
        return sqlState;
    }
}
