package io.strangler.core.mapping.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written like {@code 250ms}, {@code 2s}, {@code 1m}, {@code 500us} or ISO-8601 {@code PT0.25S}. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(us|ms|s|m|h)");

    private Durations() {
    }

    /** Returns the duration, or throws IllegalArgumentException with a message meant for users. */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher matcher = SIMPLE.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed);
            }
            catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("invalid duration '" + text
                + "' (expected a number with a unit us, ms, s, m or h, e.g. 250ms, or ISO-8601 like PT0.25S)");
    }
}
