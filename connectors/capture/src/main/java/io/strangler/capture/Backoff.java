package io.strangler.capture;

import java.time.Duration;

/** Exponential backoff between engine restarts: initial, doubled per attempt, capped. Not thread-safe. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;
    private int attempts;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    Duration next() {
        Duration current = next;
        attempts++;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    int attempts() {
        return attempts;
    }

    void reset() {
        next = initial;
        attempts = 0;
    }
}
