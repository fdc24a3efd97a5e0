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

    /** Whether requests were recorded since the previous {@link #interval()}: else there is nothing to take. */
    public synchronized boolean hasNewTraffic() {
        return requests.sum() != lastRequests;
    }

    /** Counts and latency since the previous call; only one caller (the instance's gate statistics) may use this. */
    public synchronized Window interval() {
        long r = requests.sum();
        long e = errors.sum();
        Histogram h = latencyMicros.getIntervalHistogram();
        Window w = new Window(r - lastRequests, e - lastErrors, h);
        lastRequests = r;
        lastErrors = e;
        return w;
    }

    /**
     * Traffic of one side over some time: requests, 5xx or connection errors, and latency in microseconds as a
     * histogram, so that windows of several instances add up to one whose p99 is the p99 of them all. Immutable:
     * {@link #plus} makes a new one.
     */
    public static final class Window {

        public static final Window EMPTY = new Window(0, 0, new Histogram(2));

        private final long requests;
        private final long errors;
        private final Histogram latency;

        public Window(long requests, long errors, Histogram latencyMicros) {
            this.requests = requests;
            this.errors = errors;
            this.latency = latencyMicros;
        }

        public long requests() {
            return requests;
        }

        public long errors() {
            return errors;
        }

        public long p99Micros() {
            return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(99.0);
        }

        /** The latency histogram; callers must not change it. */
        Histogram latency() {
            return latency;
        }

        public double errorRate() {
            return requests == 0 ? 0 : (double) errors / requests;
        }

        public Window plus(Window other) {
            if (other.requests == 0 && other.latency.getTotalCount() == 0) {
                return this;
            }
            if (requests == 0 && latency.getTotalCount() == 0) {
                return other;
            }
            Histogram sum = latency.copy();
            sum.add(other.latency);
            return new Window(requests + other.requests, errors + other.errors, sum);
        }
    }
}
