package io.strangler.cli.dlq;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code --since}: an ISO-8601 instant ({@code 2026-12-07T09:00:00Z}) or an age ({@code 30m}, {@code 2h}, {@code 7d}). */
final class SinceConverter implements CommandLine.ITypeConverter<Instant> {

    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private final Clock clock;

    SinceConverter() {
        this(Clock.systemUTC());
    }

    SinceConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        Matcher age = AGE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration duration = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(duration);
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is neither an ISO-8601 UTC time (e.g."
                    + " 2026-12-07T09:00:00Z) nor an age (e.g. 30m, 2h, 7d)");
        }
    }
}
