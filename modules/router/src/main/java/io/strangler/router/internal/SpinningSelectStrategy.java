package io.strangler.router.internal;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;

/**
 * Keeps an event loop polling (zero-timeout epoll_wait) for a while after its last I/O event before it blocks. A
 * proxied request wakes its event loop twice (the client's request, then the backend's answer a few dozen microseconds
 * later); on a virtual machine a sleeping vCPU can take far longer than that to be woken by the host. Polling through
 * that gap trades CPU for latency, like HAProxy's {@code busy-polling}; it is off unless {@code io.poll.spin.micros}
 * asks for it. Tasks and timers still run: every turn of the loop returns to Netty.
 */
final class SpinningSelectStrategy implements SelectStrategy {

    private final long spinNanos;
    private long lastEventNanos;

    SpinningSelectStrategy(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    static SelectStrategyFactory factory(long spinMicros) {
        return () -> new SpinningSelectStrategy(spinMicros * 1_000L);
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        int ready = selectNow.get();
        if (ready > 0) {
            lastEventNanos = System.nanoTime();
            return ready;
        }
        if (hasTasks) {
            return ready;
        }
        return System.nanoTime() - lastEventNanos < spinNanos ? ready : SelectStrategy.SELECT;
    }
}
