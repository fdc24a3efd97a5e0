package io.strangler.core.row;

/** A value could not be turned into (or read as) a canonical value; the message names column and type. */
public final class CanonicalValueException extends IllegalArgumentException {

    public CanonicalValueException(String message) {
        super(message);
    }

    public CanonicalValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
