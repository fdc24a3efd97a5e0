package io.strangler.router.internal;

/** What every connection of the proxy shares. */
public record ProxyContext(RoutingEngine engine, BackendPool pool, ConnectionStats stats, ProxyObserver observer,
        ShadowFactory shadows) {

    /** Creates a shadow tap for a request the engine chose to mirror, or returns null to skip it. */
    public interface ShadowFactory {
        ShadowTap create(Decision decision, RequestHead request);
    }
}
