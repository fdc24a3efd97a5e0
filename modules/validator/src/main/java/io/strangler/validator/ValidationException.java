package io.strangler.validator;

/**
 * A validation or reconciliation that could not be carried out: an unknown mapping, keys the two sides cannot
 * compare, an unreachable database, rows that came back out of the agreed order. The message names the cause;
 * no report is produced from a run that ends with this exception.
 */
public final class ValidationException extends RuntimeException {

    public ValidationException(String message) {
        super(message);
    }

    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
