package io.strangler.capture.internal;

/**
 * A Debezium record that cannot become a RowChange. Carries what is known about the record so that the dead
 * letter names it.
 */
public final class ConversionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final String key;
    private final String position;

    public ConversionException(String message, String table, String key, String position, Throwable cause) {
        super(message, cause);
        this.table = table;
        this.key = key;
        this.position = position;
    }

    /** schema.table, or null when unknown. */
    public String table() {
        return table;
    }

    /** Canonical key (compact JSON), or null when unknown. */
    public String key() {
        return key;
    }

    /** Source position, or null when unknown. */
    public String position() {
        return position;
    }
}
