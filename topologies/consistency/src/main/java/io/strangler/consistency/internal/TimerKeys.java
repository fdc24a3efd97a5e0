package io.strangler.consistency.internal;

/**
 * Keys of the timers store: the due time as 20 zero-padded decimal digits, then the row key. RocksDB orders keys by
 * their bytes, so iterating the store visits timers in due order.
 */
public final class TimerKeys {

    private static final int WIDTH = 20;

    private TimerKeys() {
    }

    public static String of(long dueMillis, String rowKey) {
        if (dueMillis < 0) {
            throw new IllegalArgumentException("due time must not be negative, got " + dueMillis);
        }
        return String.format("%0" + WIDTH + "d", dueMillis) + rowKey;
    }

    public static long dueOf(String timerKey) {
        return Long.parseLong(timerKey.substring(0, WIDTH));
    }
}
