package io.strangler.sync.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stream thread's unexpected death leads to. Records the sync cannot process never get here (they go to the
 * dead-letter topic); what does is the rest — a store that cannot be written, a broker-side failure Kafka Streams does
 * not retry itself, a bug. One such error is likely transient, so the thread is replaced; the same error again and
 * again would loop for ever under exactly-once (each attempt aborts its transaction and starts over) while the JVM
 * looks alive, so past {@code maxFailures} within {@code window} the processor stops: Kafka Streams goes to ERROR, the
 * processor to FAILED, its health endpoint answers 503 and {@code strangler run} exits 1 — for an orchestrator to
 * restart it, and for a human to look at the logged cause.
 */
public final class ThreadFailureBudget implements StreamsUncaughtExceptionHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(ThreadFailureBudget.class);

    private final String processor;
    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Deque<Long> failures = new ArrayDeque<>();
    private volatile String lastError;

    public ThreadFailureBudget(String processor, int maxFailures, Duration window, LongSupplier nanoClock) {
        if (maxFailures < 0) {
            throw new IllegalArgumentException("maxFailures must be >= 0, was " + maxFailures);
        }
        this.processor = processor;
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    public ThreadFailureBudget(String processor, int maxFailures, Duration window) {
        this(processor, maxFailures, window, System::nanoTime);
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        long now = nanoClock.getAsLong();
        while (!failures.isEmpty() && now - failures.peekFirst() > windowNanos) {
            failures.removeFirst();
        }
        failures.addLast(now);
        lastError = String.valueOf(error);
        if (failures.size() > maxFailures) {
            LOGGER.error("{} stream thread failed {} times within {} s (the budget is {}): stopping, state FAILED",
                    processor, failures.size(), Duration.ofNanos(windowNanos).toSeconds(), maxFailures, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOGGER.error("{} stream thread failed ({} of {} allowed within {} s); replacing it", processor, failures.size(),
                maxFailures, Duration.ofNanos(windowNanos).toSeconds(), error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The last error a stream thread died of, or null. */
    public String lastError() {
        return lastError;
    }
}
