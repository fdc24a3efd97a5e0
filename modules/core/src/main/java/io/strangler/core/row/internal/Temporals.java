package io.strangler.core.row.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Temporal values → canonical micros/days. */
public final class Temporals {

    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private Temporals() {
    }

    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1_000L);
    }

    /** Wall-clock read as UTC. */
    public static long micros(LocalDateTime wallClock) {
        return micros(wallClock.toInstant(ZoneOffset.UTC));
    }

    public static long microsOfDay(LocalTime time) {
        return time.toNanoOfDay() / 1_000L;
    }

    /** An ISO-8601 timestamp with offset ({@code 2024-01-01T10:00:00.123456Z}) → UTC micros. */
    public static long microsOfZoned(String iso) {
        try {
            return micros(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return micros(Instant.parse(iso));
        }
    }

    /**
     * Parses a time of day or a MySQL-style duration: {@code [-]H+:MM[:SS[.ffffff]][Z|±HH[:MM]]}. An offset
     * shifts the value to UTC and wraps it into one day (PostgreSQL {@code timetz}, Debezium ZonedTime);
     * without an offset the value is kept as is, so {@code 24:00:00} and MariaDB durations beyond a day
     * survive.
     *
     * @throws IllegalArgumentException naming the text when it is not a time
     */
    public static long parseTimeMicros(String text) {
        String s = text.trim();
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        long offsetSeconds = 0;
        boolean hasOffset = false;
        if (s.endsWith("Z") || s.endsWith("z")) {
            s = s.substring(0, s.length() - 1);
            hasOffset = true;
        } else {
            int sign = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
            if (sign > 0) {
                offsetSeconds = parseOffset(s.substring(sign), text);
                s = s.substring(0, sign);
                hasOffset = true;
            }
        }
        String[] parts = s.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("not a time: '" + text + "'");
        }
        try {
            long hours = Long.parseLong(parts[0]);
            long minutes = Long.parseLong(parts[1]);
            long micros = 0;
            long seconds = 0;
            if (parts.length == 3) {
                String sec = parts[2];
                int dot = sec.indexOf('.');
                if (dot >= 0) {
                    String fraction = (sec.substring(dot + 1) + "000000").substring(0, 6);
                    micros = Long.parseLong(fraction);
                    sec = sec.substring(0, dot);
                }
                seconds = Long.parseLong(sec);
            }
            long total = ((hours * 60 + minutes) * 60 + seconds) * MICROS_PER_SECOND + micros;
            if (negative) {
                total = -total;
            }
            if (hasOffset) {
                total = Math.floorMod(total - offsetSeconds * MICROS_PER_SECOND, MICROS_PER_DAY);
            }
            return total;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a time: '" + text + "'", e);
        }
    }

    private static long parseOffset(String offset, String text) {
        int sign = offset.charAt(0) == '-' ? -1 : 1;
        String[] hm = offset.substring(1).split(":");
        try {
            long seconds = Long.parseLong(hm[0]) * 3600;
            if (hm.length > 1) {
                seconds += Long.parseLong(hm[1]) * 60;
            }
            if (hm.length > 2) {
                seconds += Long.parseLong(hm[2]);
            }
            return sign * seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a time offset in '" + text + "'", e);
        }
    }
}
