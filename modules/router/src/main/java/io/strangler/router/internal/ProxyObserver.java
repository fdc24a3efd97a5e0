package io.strangler.router.internal;

/** Things the proxy reports to the rest of the router (events, logs). Called on event loops: must not block. */
public interface ProxyObserver {

    void backendEjected(String backend, String cause);

    ProxyObserver NONE = (backend, cause) -> {
    };
}
