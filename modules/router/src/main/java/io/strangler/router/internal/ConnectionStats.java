package io.strangler.router.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** Live connection counts, exposed as metrics and used by tests to prove nothing leaks. */
public final class ConnectionStats {

    final AtomicInteger clientConnections = new AtomicInteger();
    final AtomicInteger backendConnections = new AtomicInteger();
    final AtomicInteger idleBackendConnections = new AtomicInteger();
    final AtomicInteger activeExchanges = new AtomicInteger();

    public int clientConnections() {
        return clientConnections.get();
    }

    public int backendConnections() {
        return backendConnections.get();
    }

    public int idleBackendConnections() {
        return idleBackendConnections.get();
    }

    /** Backend connections serving a request right now (open minus idle in the pool). */
    public int busyBackendConnections() {
        return backendConnections.get() - idleBackendConnections.get();
    }

    public int activeExchanges() {
        return activeExchanges.get();
    }
}
