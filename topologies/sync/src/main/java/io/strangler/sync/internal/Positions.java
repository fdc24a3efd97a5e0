package io.strangler.sync.internal;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders the source positions capture records: PostgreSQL LSNs ({@code 16/B374D848}) and MariaDB/MySQL binlog
 * positions ({@code mysql-bin.000003:4711}). Used to recognise a change the side re-delivered after newer ones (capture
 * is at least once across restarts).
 */
final class Positions {

    private static final Pattern LSN = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");
    private static final Pattern BINLOG = Pattern.compile("(.*?)(\\d+):(\\d+)");

    private Positions() {
    }

    /** Negative, zero or positive as {@code a} is before, at or after {@code b}; empty when they cannot be ordered. */
    static OptionalInt compare(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return OptionalInt.empty();
        }
        Matcher lsnA = LSN.matcher(a);
        Matcher lsnB = LSN.matcher(b);
        if (lsnA.matches() && lsnB.matches()) {
            return OptionalInt.of(Long.compareUnsigned(lsn(lsnA), lsn(lsnB)));
        }
        Matcher binA = BINLOG.matcher(a);
        Matcher binB = BINLOG.matcher(b);
        if (binA.matches() && binB.matches() && binA.group(1).equals(binB.group(1))) {
            try {
                int file = Long.compare(Long.parseLong(binA.group(2)), Long.parseLong(binB.group(2)));
                return OptionalInt.of(file != 0 ? file : Long.compare(Long.parseLong(binA.group(3)),
                        Long.parseLong(binB.group(3))));
            } catch (NumberFormatException e) {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    private static long lsn(Matcher matcher) {
        return (Long.parseLong(matcher.group(1), 16) << 32) | Long.parseLong(matcher.group(2), 16);
    }
}
