package io.strangler.router.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Health of one backend: the verdict of active probes and passive ejection after consecutive failures. Read on every
 * request, so reads are two volatile loads.
 */
public final class BackendHealth {

    private final String name;
    private final int failuresToEject;
    private final long ejectionNanos;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile boolean probeUp = true;
    private volatile long ejectedUntilNanos;

    public BackendHealth(String name, int failuresToEject, long ejectionNanos) {
        this.name = name;
        this.failuresToEject = failuresToEject;
        this.ejectionNanos = ejectionNanos;
    }

    public String name() {
        return name;
    }

    public boolean healthy() {
        long until = ejectedUntilNanos;
        return probeUp && (until == 0 || System.nanoTime() - until >= 0);
    }

    public boolean probeUp() {
        return probeUp;
    }

    /** @return true when this changed the verdict */
    public boolean probeResult(boolean up) {
        boolean changed = probeUp != up;
        probeUp = up;
        return changed;
    }

    public void success() {
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
    }

    /** @return true when this failure ejected the backend */
    public boolean failure() {
        if (consecutiveFailures.incrementAndGet() >= failuresToEject) {
            consecutiveFailures.set(0);
            ejectedUntilNanos = System.nanoTime() + ejectionNanos;
            return true;
        }
        return false;
    }

    public void clearEjection() {
        ejectedUntilNanos = 0;
        consecutiveFailures.set(0);
    }
}
