package io.strangler.apply.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meters of one sink, tagged {@code target}: batch size, batch write time, origin-commit → target-commit latency,
 * records committed, statements executed, dead letters, and whether the target is reachable. Also keeps the plain
 * figures the MXBean reports.
 */
public final class ApplyMetrics {

    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final DistributionSummary batchSize;
    private final Timer batchWrite;
    private final Timer latency;
    private final Counter records;
    private final Counter statements;
    private final Counter deadLetters;
    private final Counter transactions;
    private final Counter partialTransactions;
    private final AtomicInteger reachable = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();

    private final AtomicLong recordsTotal = new AtomicLong();
    private final AtomicLong statementsTotal = new AtomicLong();
    private final AtomicLong deadLettersTotal = new AtomicLong();
    private final AtomicLong batchesTotal = new AtomicLong();
    private volatile int lastBatchSize;
    private volatile double lastBatchWriteMillis;
    private volatile double lastLatencyMillis;
    private volatile double ratePerSecond;
    private long windowStartNanos = System.nanoTime();
    private long windowStartRecords;

    public ApplyMetrics(MeterRegistry registry, String target) {
        batchSize = DistributionSummary.builder("strangler.apply.batch.size").description("Records per committed batch")
                .tag("target", target).publishPercentiles(0.5, 0.95, 0.99).register(registry);
        batchWrite = Timer.builder("strangler.apply.batch.write").description("Time to write and commit one batch")
                .tag("target", target).publishPercentiles(0.5, 0.95, 0.99).register(registry);
        latency = Timer.builder("strangler.apply.latency")
                .description("Origin commit to target commit, per applied command")
                .tag("target", target).publishPercentiles(0.5, 0.95, 0.99).register(registry);
        records = Counter.builder("strangler.apply.records").description("Records committed (applied or dead-lettered)")
                .tag("target", target).register(registry);
        statements = Counter.builder("strangler.apply.statements")
                .description("Upserts and deletes executed (after coalescing)").tag("target", target).register(registry);
        deadLetters = Counter.builder("strangler.apply.dlq").description("Commands sent to the dead-letter topic")
                .tag("target", target).register(registry);
        transactions = Counter.builder("strangler.apply.transactions")
                .description("Source transactions of several commands written whole, in one database transaction")
                .tag("target", target).register(registry);
        partialTransactions = Counter.builder("strangler.apply.transactions.partial")
                .description("Source transactions written without all of their commands after the transaction wait")
                .tag("target", target).register(registry);
        Gauge.builder("strangler.apply.held", held, AtomicInteger::get)
                .description("Records read and held until their source transaction is whole").tag("target", target)
                .register(registry);
        Gauge.builder("strangler.apply.target.up", reachable, AtomicInteger::get)
                .description("1 while the target database is reachable").tag("target", target).register(registry);
    }

    public void batchCommitted(BatchApplier.Result result, long writeNanos, long commitMicros) {
        batchSize.record(result.records());
        batchWrite.record(writeNanos, TimeUnit.NANOSECONDS);
        records.increment(result.records());
        statements.increment(result.statements());
        deadLetters.increment(result.deadLettered());
        List<Long> origins = result.appliedOriginMicros();
        long lastLatency = -1;
        for (long origin : origins) {
            if (origin > 0) {
                lastLatency = Math.max(0, commitMicros - origin);
                latency.record(lastLatency, TimeUnit.MICROSECONDS);
            }
        }
        recordsTotal.addAndGet(result.records());
        statementsTotal.addAndGet(result.statements());
        deadLettersTotal.addAndGet(result.deadLettered());
        batchesTotal.incrementAndGet();
        lastBatchSize = result.records();
        lastBatchWriteMillis = writeNanos / 1e6;
        if (lastLatency >= 0) {
            lastLatencyMillis = lastLatency / 1e3;
        }
        rollRate();
    }

    private synchronized void rollRate() {
        long now = System.nanoTime();
        if (now - windowStartNanos >= RATE_WINDOW_NANOS) {
            long total = recordsTotal.get();
            ratePerSecond = (total - windowStartRecords) / ((now - windowStartNanos) / 1e9);
            windowStartNanos = now;
            windowStartRecords = total;
        }
    }

    /** What the transaction gate released: transactions whole and partial, and the records it still holds. */
    public void transactions(int whole, int partial, int stillHeld) {
        transactions.increment(whole);
        partialTransactions.increment(partial);
        held.set(stillHeld);
    }

    public void reachable(boolean up) {
        reachable.set(up ? 1 : 0);
    }

    public boolean isReachable() {
        return reachable.get() == 1;
    }

    public long recordsTotal() {
        return recordsTotal.get();
    }

    public long statementsTotal() {
        return statementsTotal.get();
    }

    public long deadLettersTotal() {
        return deadLettersTotal.get();
    }

    public long batchesTotal() {
        return batchesTotal.get();
    }

    public int lastBatchSize() {
        return lastBatchSize;
    }

    public double lastBatchWriteMillis() {
        return lastBatchWriteMillis;
    }

    public double lastLatencyMillis() {
        return lastLatencyMillis;
    }

    public double ratePerSecond() {
        rollRate();
        return ratePerSecond;
    }

    public Duration latencyMean() {
        return Duration.ofNanos((long) latency.mean(TimeUnit.NANOSECONDS));
    }
}
