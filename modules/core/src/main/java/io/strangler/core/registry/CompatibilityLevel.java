package io.strangler.core.registry;

import java.util.Arrays;
import java.util.Locale;

/**
 * Schema evolution rule of a subject, as in the Confluent Schema Registry. BACKWARD: consumers using the new schema
 * read data written with the previous one. FORWARD: the previous schema reads data written with the new one. FULL:
 * both. The transitive variants check against every registered version instead of the latest only.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with existing versions. */
    public boolean backward() {
        return backward;
    }

    /** Existing versions must read data written with the new schema. */
    public boolean forward() {
        return forward;
    }

    /** Checked against all versions, not only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level name case-insensitively, naming the valid levels when it is unknown. */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            for (CompatibilityLevel level : values()) {
                if (level.name().equalsIgnoreCase(name.trim())) {
                    return level;
                }
            }
        }
        throw new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level '" + name + "'; valid levels are "
                        + Arrays.toString(values()).toUpperCase(Locale.ROOT));
    }
}
