package io.strangler.router.internal;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Requests, errors and latency of one side of one route, for the ramp's health gates. Written from event loops
 * without locks; read as interval snapshots by the single ramp controller of the route.
 */
public final class SideStats {

    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Recorder latencyMicros = new Recorder(3_600_000_000L, 2);
    private long lastRequests;
    private long lastErrors;

    public void record(int status, long micros) {
        requests.increment();
        if (status >= 500) {
            errors.increment();
        }
        latencyMicros.recordValue(Math.min(Math.max(micros, 0), 3_600_000_000L));
    }

    public long totalRequests() {
        return requests.sum();
    }

    public long totalErrors() {
        return errors.sum();
    }

    /** Counts and latency since the previous call; only one caller (the route's ramp controller) may use this. */
    public synchronized Window interval() {
        long r = requests.sum();
        long e = errors.sum();
        Histogram h = latencyMicros.getIntervalHistogram();
        Window w = new Window(r - lastRequests, e - lastErrors, h.getTotalCount() == 0 ? 0
                : h.getValueAtPercentile(99.0));
        lastRequests = r;
        lastErrors = e;
        return w;
    }

    /** One interval of traffic: requests, 5xx or connection errors, p99 latency in microseconds. */
    public record Window(long requests, long errors, long p99Micros) {

        public double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }

        public Window plus(Window other) {
            return new Window(requests + other.requests, errors + other.errors,
                    Math.max(p99Micros, other.p99Micros));
        }
    }
}
