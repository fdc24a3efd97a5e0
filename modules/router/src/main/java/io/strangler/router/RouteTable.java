package io.strangler.router;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The complete routing configuration: backends, routes (matched in order, first match wins) and feature flags.
 * Immutable; every change produces a new table that the router swaps in atomically.
 *
 * <pre>{@code
 * RouteTable table = RoutesFile.load(Path.of("routes.yaml"));
 * RouteTable next = table.withRoute(table.route("orders").withWeight(25));
 * }</pre>
 */
public record RouteTable(Map<String, BackendSpec> backends, List<RouteSpec> routes, Map<String, FlagSpec> flags) {

    public RouteTable {
        backends = backends == null ? Map.of() : Map.copyOf(backends);
        routes = routes == null ? List.of() : List.copyOf(routes);
        flags = flags == null ? Map.of() : Map.copyOf(flags);
        for (Map.Entry<String, BackendSpec> e : backends.entrySet()) {
            RouteConfigException.require(e.getKey().equals(e.getValue().name()), "backends." + e.getKey(),
                    "map key differs from backend name '" + e.getValue().name() + "'");
        }
        Set<String> ids = new HashSet<>();
        for (RouteSpec route : routes) {
            RouteConfigException.require(ids.add(route.id()), "routes." + route.id(), "duplicate route id");
            RouteConfigException.require(backends.containsKey(route.stable()), "routes." + route.id() + ".stable",
                    "unknown backend '" + route.stable() + "'; configured: " + backends.keySet());
            RouteConfigException.require(route.candidate() == null || backends.containsKey(route.candidate()),
                    "routes." + route.id() + ".candidate",
                    "unknown backend '" + route.candidate() + "'; configured: " + backends.keySet());
            RouteConfigException.require(route.flag() == null || flags.containsKey(route.flag()),
                    "routes." + route.id() + ".flag", "unknown flag '" + route.flag() + "'; configured: "
                            + flags.keySet());
        }
    }

    public static RouteTable empty() {
        return new RouteTable(Map.of(), List.of(), Map.of());
    }

    public RouteSpec route(String id) {
        return routes.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new RouteConfigException("routes." + id + ": no such route"));
    }

    public boolean hasRoute(String id) {
        return routes.stream().anyMatch(r -> r.id().equals(id));
    }

    /** Replaces the route with the same id in place, or appends it. */
    public RouteTable withRoute(RouteSpec route) {
        List<RouteSpec> next = new ArrayList<>(routes);
        int index = indexOf(route.id());
        if (index >= 0) {
            next.set(index, route);
        } else {
            next.add(route);
        }
        return new RouteTable(backends, next, flags);
    }

    public RouteTable withoutRoute(String id) {
        return new RouteTable(backends, routes.stream().filter(r -> !r.id().equals(id)).toList(), flags);
    }

    public RouteTable withBackend(BackendSpec backend) {
        Map<String, BackendSpec> next = new LinkedHashMap<>(backends);
        next.put(backend.name(), backend);
        return new RouteTable(next, routes, flags);
    }

    public RouteTable withoutBackend(String name) {
        Map<String, BackendSpec> next = new LinkedHashMap<>(backends);
        next.remove(name);
        return new RouteTable(next, routes, flags);
    }

    public RouteTable withFlag(FlagSpec flag) {
        Map<String, FlagSpec> next = new LinkedHashMap<>(flags);
        next.put(flag.key(), flag);
        return new RouteTable(backends, routes, next);
    }

    public RouteTable withoutFlag(String key) {
        Map<String, FlagSpec> next = new LinkedHashMap<>(flags);
        next.remove(key);
        return new RouteTable(backends, routes, next);
    }

    private int indexOf(String id) {
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
