package io.strangler.embedded.sample;

import java.util.Objects;

/**
 * One column of a sample table.
 *
 * @param name     column name, identical on both engines
 * @param type     logical type
 * @param scale    decimal scale for {@link SampleType#DECIMAL}, 0 otherwise
 * @param nullable whether the column accepts NULL
 */
public record SampleColumn(String name, SampleType type, int scale, boolean nullable) {

    public SampleColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (scale < 0 || (scale > 0 && type != SampleType.DECIMAL)) {
            throw new IllegalArgumentException("column " + name + ": scale " + scale + " is invalid for " + type);
        }
    }
}
