package io.strangler.core.row;

/**
 * Marker returned by {@link CanonicalValue#fromConnect} for Debezium's placeholder of a value it could not
 * read (an unchanged TOASTed PostgreSQL column under {@code REPLICA IDENTITY DEFAULT}). It is never data:
 * {@link CanonicalRow} rejects it, so a caller must fill the column from an earlier image or drop it.
 *
 * <p>Example: {@code if (CanonicalValue.isUnavailable(v)) { v = previousImage.get(column); }}
 */
public enum UnavailableValue {
    INSTANCE;

    /** Debezium's default {@code unavailable.value.placeholder}. */
    public static final String DEBEZIUM_PLACEHOLDER = "__debezium_unavailable_value";

    @Override
    public String toString() {
        return "<unavailable>";
    }
}
