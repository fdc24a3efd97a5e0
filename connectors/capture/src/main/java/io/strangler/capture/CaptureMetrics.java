package io.strangler.capture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strangler.capture.internal.TransactionStamper.Unstamped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The meters of one capture processor, tagged {@code source=<name>}. Prometheus names:
 * {@code strangler_capture_changes_total} (rate = changes captured per second, snapshot reads included),
 * {@code strangler_capture_lag_seconds} (source commit → acknowledged by Kafka, streamed changes only, with
 * p50/p95/p99), {@code strangler_capture_dead_letters_total}, {@code strangler_capture_transactions_total},
 * {@code strangler_capture_transactions_unstamped_total} (transactions published without positions, tagged
 * {@code reason=too-large|resumed-mid-transaction}) and {@code strangler_capture_state} (ordinal of
 * {@link CaptureState}).
 *
 * <p>Example: {@code processor.metrics().changesCaptured()} after a run, or scrape the registry.
 */
public final class CaptureMetrics {

    public static final String CHANGES = "strangler.capture.changes";
    public static final String LAG = "strangler.capture.lag";
    public static final String DEAD_LETTERS = "strangler.capture.dead.letters";
    public static final String TRANSACTIONS = "strangler.capture.transactions";
    public static final String STATE = "strangler.capture.state";
    public static final String TRANSACTIONS_UNSTAMPED = "strangler.capture.transactions.unstamped";

    private final Counter changes;
    private final Counter deadLetters;
    private final Counter transactions;
    private final Timer lag;
    private final Map<Unstamped, Counter> unstamped = new EnumMap<>(Unstamped.class);

    CaptureMetrics(MeterRegistry registry, String source, Supplier<CaptureState> state) {
        this.changes = Counter.builder(CHANGES).tag("source", source)
                .description("Row changes produced to change topics").register(registry);
        this.deadLetters = Counter.builder(DEAD_LETTERS).tag("source", source)
                .description("Changes sent to the dead-letter topic").register(registry);
        this.transactions = Counter.builder(TRANSACTIONS).tag("source", source)
                .description("Transaction boundaries produced").register(registry);
        this.lag = Timer.builder(LAG).tag("source", source)
                .description("Source commit to Kafka acknowledgement of streamed changes")
                .publishPercentiles(0.5, 0.95, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
        for (Unstamped reason : Unstamped.values()) {
            unstamped.put(reason, Counter.builder(TRANSACTIONS_UNSTAMPED).tag("source", source)
                    .tag("reason", reason.tag())
                    .description("Transactions published without RowChange.transaction positions").register(registry));
        }
        Gauge.builder(STATE, () -> state.get().ordinal()).tag("source", source)
                .description("Lifecycle state (ordinal of CaptureState)").register(registry);
    }

    public long changesCaptured() {
        return (long) changes.count();
    }

    public long deadLetters() {
        return (long) deadLetters.count();
    }

    public long transactions() {
        return (long) transactions.count();
    }

    /**
     * Transactions published without positions for {@code reason}: {@code too-large} (more changes than
     * {@code strangler.transaction.buffer.max.changes}) or {@code resumed-mid-transaction}.
     */
    public long transactionsUnstamped(String reason) {
        return unstamped.entrySet().stream().filter(entry -> entry.getKey().tag().equals(reason))
                .mapToLong(entry -> (long) entry.getValue().count()).sum();
    }

    /** Source commit → acknowledged, for streamed (not snapshot) changes. */
    public Timer lag() {
        return lag;
    }

    void recordChange(long sourceCommitMicros, long ackMicros, boolean streamed) {
        changes.increment();
        if (streamed) {
            lag.record(Math.max(0, ackMicros - sourceCommitMicros), TimeUnit.MICROSECONDS);
        }
    }

    void recordDeadLetter() {
        deadLetters.increment();
    }

    void recordTransaction() {
        transactions.increment();
    }

    void recordUnstampedTransaction(Unstamped reason) {
        unstamped.get(reason).increment();
    }
}
