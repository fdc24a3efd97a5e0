package io.strangler.api;

import io.strangler.router.BackendSpec;
import io.strangler.router.HealthGates;
import io.strangler.router.RampPlan;
import io.strangler.router.RampStatus;
import io.strangler.router.RouteConfigException;
import io.strangler.router.RouteSpec;
import io.strangler.router.RouteTable;
import io.strangler.router.RouterConfig;
import io.strangler.router.RouterControl;
import io.strangler.router.StickyKey;
import io.strangler.router.StranglerRouter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A router instance in front of the monolith and the new services ({@code strangler router run}): the same
 * {@link StranglerRouter}, its routes given here instead of a routes file, and for each route the ramp it moves
 * traffic along once {@link #startRamp} is called. With {@link Builder#kafka} every instance of the migration shares
 * routes, ramps and rollbacks through the routes topic, and a ramp's consistency gate reads the auditor's status.
 *
 * <pre>{@code
 * try (TrafficRouter router = TrafficRouter.builder()
 *         .adminToken(System.getenv("STRANGLER_ROUTER_TOKEN"))
 *         .backend("monolith", "http://10.0.0.5:8080")
 *         .backend("orders", "http://10.0.0.6:8080")
 *         .route("orders", "/orders", "monolith", "orders")
 *         .ramp("orders", List.of(5.0, 25.0, 50.0, 100.0), Duration.ofMinutes(10))
 *         .start()) {
 *     router.startRamp("orders");
 * }
 * }</pre>
 */
public final class TrafficRouter implements AutoCloseable {

    /**
     * What the builder validated.
     *
     * @param kafka      null: a standalone instance (routes and ramps live in this instance only)
     * @param ramps      per route id, the plan {@link #startRamp} follows
     * @param properties further keys of the router's file (docs/router.md), applied last
     */
    public record Settings(int listenPort, int adminPort, String adminToken, Kafka kafka, RouteTable routes,
            Map<String, RampPlan> ramps, Map<String, String> properties) {

        public Settings {
            requirePort("router.listenPort", listenPort);
            requirePort("router.adminPort", adminPort);
            if (adminToken == null || adminToken.length() < RouterConfig.MIN_TOKEN_LENGTH) {
                throw new InvalidSettingException("router.adminToken", "must be at least "
                        + RouterConfig.MIN_TOKEN_LENGTH + " characters: it guards"
                        + " the admin API (weights, ramps, rollback)");
            }
            InvalidSettingException.require("router.routes", routes, "call route(...)");
            if (routes.routes().isEmpty()) {
                throw new InvalidSettingException("router.routes", "at least one route is required");
            }
            ramps = Map.copyOf(ramps);
            for (String route : ramps.keySet()) {
                if (!routes.hasRoute(route) || routes.route(route).candidate() == null) {
                    throw new InvalidSettingException("router.ramp." + route, "names no route with a candidate;"
                            + " routes: " + routes.routes().stream().map(RouteSpec::id).toList());
                }
            }
            properties = Map.copyOf(properties);
        }

        private static void requirePort(String setting, int port) {
            if (port < 0 || port > 65_535) {
                throw new InvalidSettingException(setting, "must be 0 (any free port) to 65535, got " + port);
            }
        }

        /** The router's configuration file, as {@code strangler router run --config} would read it. */
        Map<String, String> routerProperties() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put(RouterConfig.LISTEN_PORT, Integer.toString(listenPort));
            values.put(RouterConfig.ADMIN_PORT, Integer.toString(adminPort));
            values.put(RouterConfig.ADMIN_TOKEN, adminToken);
            if (kafka != null) {
                values.put(RouterConfig.KAFKA_BOOTSTRAP, kafka.bootstrapServers());
                values.put(RouterConfig.REGISTRY_URL, kafka.schemaRegistryUrl());
                values.put(RouterConfig.TOPIC_PREFIX, kafka.topicPrefix());
            }
            values.putAll(properties);
            return values;
        }
    }

    private final Settings settings;
    private final StranglerRouter router;

    private TrafficRouter(Settings settings, StranglerRouter router) {
        this.settings = settings;
        this.router = router;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the proxy listens on (the real one when 0 was asked for). */
    public int port() {
        return router.port();
    }

    public int adminPort() {
        return router.adminPort();
    }

    /** The percentage of sticky-key buckets the route sends to its candidate now. */
    public double weight(String routeId) {
        return router.routes().route(routeId).weight();
    }

    /** Starts the route's ramp as configured with {@link Builder#ramp}. */
    public RampStatus startRamp(String routeId) {
        RampPlan plan = settings.ramps().get(routeId);
        if (plan == null) {
            throw new InvalidSettingException("router.ramp." + routeId, "no ramp was configured for this route;"
                    + " ramps: " + settings.ramps().keySet());
        }
        return router.control().startRamp(routeId, plan);
    }

    /** Where the route's ramp stands; empty when none was started. */
    public Optional<RampStatus> ramp(String routeId) {
        return router.control().ramp(routeId);
    }

    /** Everything back to the stable side on every instance, ramps aborted. */
    public void rollback(String routeId, String reason) {
        router.control().rollback(routeId, reason);
    }

    /** Weights, blue-green switches, canaries, flags, pause and resume. */
    public RouterControl control() {
        return router.control();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void close() {
        router.close();
    }

    /** Collects the router's settings; {@link #start()} starts the instance. */
    public static final class Builder {

        private int listenPort = 8080;
        private int adminPort = 8081;
        private String adminToken;
        private Kafka kafka;
        private final Map<String, BackendSpec> backends = new LinkedHashMap<>();
        private final Map<String, RouteSpec> routes = new LinkedHashMap<>();
        private final Map<String, RampPlan> ramps = new LinkedHashMap<>();
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Default 8080; 0 for any free port. */
        public Builder listenPort(int value) {
            this.listenPort = value;
            return this;
        }

        /** Default 8081 (bound to 127.0.0.1); 0 for any free port. */
        public Builder adminPort(int value) {
            this.adminPort = value;
            return this;
        }

        /** The admin API's bearer token, at least {@value RouterConfig#MIN_TOKEN_LENGTH} characters; required. */
        public Builder adminToken(String value) {
            this.adminToken = value;
            return this;
        }

        /** Share routes, ramps and rollbacks with every instance, and read the consistency status for ramp gates. */
        public Builder kafka(Kafka value) {
            this.kafka = value;
            return this;
        }

        /** An upstream, {@code http://host:port}, with default timeouts and no active health probe. */
        public Builder backend(String name, String url) {
            return backend(new BackendSpec(name, url, null, null, null));
        }

        public Builder backend(BackendSpec backend) {
            InvalidSettingException.require("router.backend", backend, "a BackendSpec");
            backends.put(backend.name(), backend);
            return this;
        }

        /**
         * Requests under {@code pathPrefix} go to {@code stable}, none yet to {@code candidate}; users stick to their
         * side by client IP.
         */
        public Builder route(String id, String pathPrefix, String stable, String candidate) {
            return route(RouteSpec.split(id, pathPrefix, stable, candidate, 0, StickyKey.IP));
        }

        /** Any route: canaries, flags, sessions, shadow traffic (docs/router.md). */
        public Builder route(RouteSpec route) {
            InvalidSettingException.require("router.route", route, "a RouteSpec");
            routes.put(route.id(), route);
            return this;
        }

        /** The route's gradual ramp: each weight held for {@code stepInterval} while the default health gates hold. */
        public Builder ramp(String routeId, List<Double> steps, Duration stepInterval) {
            InvalidSettingException.require("router.ramp." + routeId + ".stepInterval", stepInterval,
                    "e.g. Duration.ofMinutes(10)");
            return ramp(routeId, plan(routeId, steps, stepInterval.toMillis(), HealthGates.defaults()));
        }

        /** The route's ramp with gates of your own (error rate, p99, minimum requests, consistency). */
        public Builder ramp(String routeId, RampPlan plan) {
            ramps.put(routeId, InvalidSettingException.require("router.ramp." + routeId, plan, "a RampPlan"));
            return this;
        }

        /** Any other key of the router's file, e.g. {@code health.check.interval.ms}. */
        public Builder property(String key, String value) {
            if (key == null || key.isBlank() || value == null) {
                throw new InvalidSettingException("router.property", "needs a key and a value, got " + key + "="
                        + value);
            }
            properties.put(key, value);
            return this;
        }

        /**
         * Starts the instance: proxy, admin API, health checks and, with Kafka, route replication.
         *
         * @throws InvalidSettingException naming the bad setting
         * @throws org.apache.kafka.common.config.ConfigException naming the bad configuration key
         */
        public TrafficRouter start() {
            RouteTable table;
            try {
                table = new RouteTable(backends, List.copyOf(routes.values()), Map.of());
            } catch (RouteConfigException e) {
                throw new InvalidSettingException("router.routes", e.getMessage(), e);
            }
            Settings settings = new Settings(listenPort, adminPort, adminToken, kafka, table, ramps, properties);
            StranglerRouter router = StranglerRouter.start(new RouterConfig(settings.routerProperties()), table);
            return new TrafficRouter(settings, router);
        }

        private static RampPlan plan(String routeId, List<Double> steps, long stepIntervalMs, HealthGates gates) {
            try {
                return new RampPlan(steps, stepIntervalMs, gates);
            } catch (RouteConfigException e) {
                throw new InvalidSettingException("router.ramp." + routeId, e.getMessage(), e);
            }
        }
    }
}
