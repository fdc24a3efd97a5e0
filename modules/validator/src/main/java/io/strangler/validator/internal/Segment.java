package io.strangler.validator.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A part of a table both sides select with the same predicate: a range of the first key column (integer keys), the
 * rows whose first key column's MD5 starts with a hex prefix (textual keys), or the whole table.
 */
public sealed interface Segment {

    /** Stable identifier, used in checkpoints. */
    String id();

    /** Whether {@link #split} can divide it further. */
    boolean splittable();

    /** Children covering exactly this segment's rows. */
    List<Segment> split(int fanout);

    /** Parses an {@link #id()}. */
    static Segment parse(String id) {
        if (id.equals("all")) {
            return new All();
        }
        if (id.startsWith("h:")) {
            return new HashPrefix(id.substring(2));
        }
        if (id.startsWith("r:")) {
            String[] bounds = id.substring(2).split(":");
            return new Range(Long.parseLong(bounds[0]), Long.parseLong(bounds[1]));
        }
        throw new IllegalArgumentException("not a segment id: '" + id + "'");
    }

    /** First key column in [low, high], both inclusive. */
    record Range(long low, long high) implements Segment {

        public Range {
            if (high < low) {
                throw new IllegalArgumentException("empty range " + low + ".." + high);
            }
        }

        /** [low, high] divided into at most {@code count} ranges of (nearly) equal width. */
        public static List<Segment> divide(long low, long high, int count) {
            List<Segment> out = new ArrayList<>();
            java.math.BigInteger width = java.math.BigInteger.valueOf(high).subtract(java.math.BigInteger.valueOf(low))
                    .add(java.math.BigInteger.ONE);
            long parts = Math.max(1, Math.min(count, width.min(java.math.BigInteger.valueOf(Integer.MAX_VALUE)).longValue()));
            java.math.BigInteger start = java.math.BigInteger.valueOf(low);
            for (long i = 0; i < parts; i++) {
                java.math.BigInteger end = java.math.BigInteger.valueOf(low).add(width.multiply(java.math.BigInteger.valueOf(i + 1))
                        .divide(java.math.BigInteger.valueOf(parts))).subtract(java.math.BigInteger.ONE);
                if (end.compareTo(start) >= 0) {
                    out.add(new Range(start.longValueExact(), end.longValueExact()));
                }
                start = end.add(java.math.BigInteger.ONE);
            }
            return out;
        }

        @Override
        public String id() {
            return "r:" + low + ":" + high;
        }

        @Override
        public boolean splittable() {
            return high > low;
        }

        @Override
        public List<Segment> split(int fanout) {
            return divide(low, high, fanout);
        }
    }

    /** MD5 of the first key column's canonical text starts with {@code prefix} (lower-case hex). */
    record HashPrefix(String prefix) implements Segment {

        static final int MAX_LENGTH = 6;

        public HashPrefix {
            if (!prefix.matches("[0-9a-f]{1," + MAX_LENGTH + "}")) {
                throw new IllegalArgumentException("bad hash prefix '" + prefix + "'");
            }
        }

        /** All prefixes of {@code length} hex digits. */
        public static List<Segment> all(int length) {
            List<Segment> out = new ArrayList<>();
            int count = 1 << (4 * length);
            for (int i = 0; i < count; i++) {
                out.add(new HashPrefix(String.format("%0" + length + "x", i)));
            }
            return out;
        }

        @Override
        public String id() {
            return "h:" + prefix;
        }

        @Override
        public boolean splittable() {
            return prefix.length() < MAX_LENGTH;
        }

        @Override
        public List<Segment> split(int fanout) {
            List<Segment> out = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                out.add(new HashPrefix(prefix + Integer.toHexString(i)));
            }
            return out;
        }
    }

    /** The whole table. */
    record All() implements Segment {
        @Override
        public String id() {
            return "all";
        }

        @Override
        public boolean splittable() {
            return false;
        }

        @Override
        public List<Segment> split(int fanout) {
            return List.of(this);
        }
    }
}
