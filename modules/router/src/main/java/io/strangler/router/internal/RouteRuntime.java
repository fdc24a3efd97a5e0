package io.strangler.router.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strangler.router.Side;
import java.util.concurrent.TimeUnit;

/**
 * Counters of one route that outlive route-table swaps: per side, gate statistics and Prometheus meters built once so
 * that the request path does no meter lookups.
 */
public final class RouteRuntime {

    private final SideStats[] stats = {new SideStats(), new SideStats()};
    private final Counter[][] responses = new Counter[2][6];
    private final Timer[] latency = new Timer[2];
    private final Counter[] shadowDiffs = new Counter[1];
    private final Counter shadowCompared;

    public RouteRuntime(String routeId, MeterRegistry registry) {
        for (Side side : Side.values()) {
            String s = side.name().toLowerCase(java.util.Locale.ROOT);
            for (int c = 1; c <= 5; c++) {
                responses[side.ordinal()][c] = Counter.builder("strangler.router.responses")
                        .description("Responses sent to clients, by route, side and status class")
                        .tags("route", routeId, "side", s, "status", c + "xx").register(registry);
            }
            latency[side.ordinal()] = Timer.builder("strangler.router.upstream.latency")
                    .description("Time from the request head to the last byte of the backend's answer")
                    .tags("route", routeId, "side", s).register(registry);
        }
        shadowDiffs[0] = Counter.builder("strangler.router.shadow.differences")
                .description("Shadow comparisons whose answers differed").tags("route", routeId).register(registry);
        shadowCompared = Counter.builder("strangler.router.shadow.compared")
                .description("Shadow comparisons completed").tags("route", routeId).register(registry);
    }

    public SideStats stats(Side side) {
        return stats[side.ordinal()];
    }

    public void record(Side side, int status, long nanos) {
        int cls = Math.min(Math.max(status / 100, 1), 5);
        responses[side.ordinal()][cls].increment();
        latency[side.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        stats[side.ordinal()].record(status, nanos / 1_000);
    }

    public void shadowCompared(boolean differed) {
        shadowCompared.increment();
        if (differed) {
            shadowDiffs[0].increment();
        }
    }
}
