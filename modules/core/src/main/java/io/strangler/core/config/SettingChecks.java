package io.strangler.core.config;

import java.time.Duration;

/**
 * Checks shared by the processors' settings records (sync, consistency), so that the same bad value gets the
 * same message whichever processor reads it.
 */
public final class SettingChecks {

    private SettingChecks() {
    }

    /**
     * The capture source names of the two sides: each usable in a topic name, and different from each other
     * (otherwise both sides' changes would land on the same topics).
     */
    public static void requireSourcePair(String monolithSource, String serviceSource) {
        requireSourceName("monolithSource", monolithSource);
        requireSourceName("serviceSource", serviceSource);
        if (monolithSource.equals(serviceSource)) {
            throw new IllegalArgumentException("the monolith and the service need different source names, both are '"
                    + monolithSource + "'");
        }
    }

    /** A source name as it appears in {@code <prefix>.cdc.<source>.<schema>.<table>}. */
    public static void requireSourceName(String what, String value) {
        if (value == null || !value.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(what + " must be ASCII letters, digits, '_' or '-', got '" + value + "'");
        }
    }

    /** A duration that is not negative, and not zero unless {@code zeroAllowed}. */
    public static void requireDuration(String what, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(what + " must be a " + (zeroAllowed ? "non-negative" : "positive")
                    + " duration, got " + value);
        }
    }
}
