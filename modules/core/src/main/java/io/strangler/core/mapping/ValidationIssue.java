package io.strangler.core.mapping;

import java.util.Objects;

/**
 * One finding of {@link MappingValidator}.
 *
 * @param severity whether the mapping can run anyway
 * @param mapping  the mapping's name
 * @param side     the side the finding is about; null when it concerns the mapping as a whole
 * @param table    the side's table ({@code schema.table}); null when {@code side} is null
 * @param column   the column the finding is about, on {@code side}; null when it concerns the table
 * @param message  what is wrong and, where possible, how to fix it
 */
public record ValidationIssue(Severity severity, String mapping, Side side, String table, String column, String message) {

    public enum Severity {
        /** The mapping cannot run. */
        ERROR,
        /** The mapping runs but may lose or reject data. */
        WARNING
    }

    public ValidationIssue {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(message, "message");
    }

    /** For example {@code mapping 'orders', service column orders_svc.purchase_order.amount: ...}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("mapping '").append(mapping).append('\'');
        if (side != null) {
            text.append(", ").append(side.label()).append(column != null ? " column " : " table ").append(table);
            if (column != null) {
                text.append('.').append(column);
            }
        }
        return text.append(": ").append(message).toString();
    }
}
