package io.strangler.capture;

import java.util.Locale;

/**
 * What capture does with a PostgreSQL column whose value the log does not carry: an unchanged TOASTed value of
 * an UPDATE under {@code REPLICA IDENTITY DEFAULT}, which Debezium reports as its unavailable-value placeholder.
 * The placeholder is never written as data under any policy. With {@code REPLICA IDENTITY FULL} the old tuple
 * carries every value, Debezium fills the new image from it, and neither policy ever triggers.
 *
 * <p>Example: {@code strangler.toast.policy=mark}
 */
public enum ToastPolicy {
    /**
     * Fill the value from the change's before image when it has one; otherwise write null and list the column in
     * {@code RowChange.unavailableColumns}, so consumers know not to trust (or apply) that column.
     */
    MARK,
    /** Fill from the before image when possible; otherwise send the whole change to the dead-letter topic. */
    DLQ;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ToastPolicy fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
