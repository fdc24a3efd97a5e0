package io.strangler.apply.internal;

/** A command's value cannot be written to its target column; the message names the table, column and type. */
public final class ValueConversionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ValueConversionException(String message) {
        super(message);
    }

    public ValueConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
