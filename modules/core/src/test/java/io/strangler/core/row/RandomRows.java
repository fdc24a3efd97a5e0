package io.strangler.core.row;

import java.util.Random;

/** Random canonical values for property tests (seeded by the caller). */
final class RandomRows {

    private RandomRows() {
    }

    static CanonicalRow row(Random random, int columns) {
        CanonicalRow.Builder builder = CanonicalRow.builder();
        for (int i = 0; i < columns; i++) {
            builder.put("c" + i + "_" + random.nextInt(1000), value(random));
        }
        return builder.build();
    }

    static Object value(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * 1e6;
            case 4 -> string(random);
            case 5 -> BinaryValue.of(bytes(random));
            default -> (long) random.nextInt(10);
        };
    }

    static Object differentValue(Random random, Object old) {
        while (true) {
            Object candidate = value(random);
            if (candidate == null ? old != null : !candidate.equals(old)) {
                return candidate;
            }
        }
    }

    static Object copyOf(Object value) {
        if (value instanceof BinaryValue b) {
            return b.toByteArray();
        }
        if (value instanceof String s) {
            return new String(s.toCharArray());
        }
        return value;
    }

    static String string(Random random) {
        int length = random.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(10) == 0 ? (char) (0x00e0 + random.nextInt(200)) : (char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    static byte[] bytes(Random random) {
        byte[] b = new byte[random.nextInt(10)];
        random.nextBytes(b);
        return b;
    }
}
