package io.strangler.router.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strangler.router.BackendSpec;
import io.strangler.router.FlagSpec;
import io.strangler.router.HealthGates;
import io.strangler.router.RampPlan;
import io.strangler.router.RouteSpec;
import io.strangler.router.RouterControl;
import io.strangler.router.Side;
import io.strangler.schemas.RouterEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API, on its own port, every call but {@code GET /healthz} guarded by {@code Authorization: Bearer <token>}
 * (compared in constant time). See docs/router.md for the endpoints.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] token;
    private final RouterControl control;
    private final PrometheusMeterRegistry prometheus;
    private final EventSink events;
    private final ObjectMapper json = RouteStore.JSON;

    public AdminServer(String host, int port, String token, RouterControl control, PrometheusMeterRegistry prometheus,
            EventSink events) throws IOException {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.control = control;
        this.prometheus = prometheus;
        this.events = events;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "router-admin");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOGGER.info("Router admin API listening on {}", server.getAddress());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            handleOpen(exchange);
        }
    }

    private void handleOpen(HttpExchange exchange) {
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(method) && "/healthz".equals(path)) {
                send(exchange, 200, "text/plain", "ok\n");
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"strangler-router\"");
                error(exchange, 401, "missing bearer token");
                return;
            }
            if (!MessageDigest.isEqual(token, auth.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
                error(exchange, 403, "wrong token");
                return;
            }
            route(exchange, method, path);
        } catch (IllegalArgumentException e) {
            error(exchange, 400, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Admin call {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            error(exchange, 500, e.toString());
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        String[] parts = path.replaceAll("/+$", "").split("/");
        // parts[0] is empty: the path starts with '/'
        String resource = parts.length > 1 ? parts[1] : "";
        switch (method + " " + resource + " " + (parts.length - 1)) {
            case "GET metrics 1" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                    prometheus.scrape());
            case "GET routes 1" -> ok(exchange, control.routes());
            case "GET events 1" -> ok(exchange, events(events.recent()));
            case "GET routes 2" -> ok(exchange, control.routes().route(parts[2]));
            case "PUT routes 2" -> {
                RouteSpec route = json.readValue(body(exchange), RouteSpec.class);
                require(route.id().equals(parts[2]), "route id in the body differs from the path");
                control.upsertRoute(route);
                ok(exchange, route);
            }
            case "DELETE routes 2" -> {
                control.removeRoute(parts[2]);
                ok(exchange, Map.of("removed", parts[2]));
            }
            case "PUT backends 2" -> {
                BackendSpec backend = json.readValue(body(exchange), BackendSpec.class);
                require(backend.name().equals(parts[2]), "backend name in the body differs from the path");
                control.upsertBackend(backend);
                ok(exchange, backend);
            }
            case "PUT flags 2" -> {
                FlagSpec flag = json.readValue(body(exchange), FlagSpec.class);
                require(flag.key().equals(parts[2]), "flag key in the body differs from the path");
                control.upsertFlag(flag);
                ok(exchange, flag);
            }
            case "POST routes 3" -> routeAction(exchange, parts[2], parts[3]);
            case "GET routes 3" -> {
                require("ramp".equals(parts[3]), "unknown resource " + path);
                ok(exchange, control.ramp(parts[2]).orElseThrow(
                        () -> new IllegalArgumentException("route " + parts[2] + " has no ramp")));
            }
            case "POST routes 4" -> {
                require("ramp".equals(parts[3]), "unknown resource " + path);
                ok(exchange, switch (parts[4]) {
                    case "pause" -> control.pauseRamp(parts[2]);
                    case "resume" -> control.resumeRamp(parts[2]);
                    case "abort" -> control.abortRamp(parts[2]);
                    default -> throw new IllegalArgumentException("unknown ramp action '" + parts[4] + "'");
                });
            }
            default -> error(exchange, 404, "no such endpoint: " + method + " " + path);
        }
    }

    private void routeAction(HttpExchange exchange, String routeId, String action) throws IOException {
        JsonNode body = json.readTree(body(exchange));
        control.routes().route(routeId);
        switch (action) {
            case "weight" -> {
                require(body != null && body.has("percent"), "body must be {\"percent\": <0..100>}");
                control.setWeight(routeId, body.get("percent").asDouble());
            }
            case "switch" -> {
                require(body != null && body.has("side"), "body must be {\"side\": \"STABLE\"|\"CANDIDATE\"}");
                control.switchTo(routeId, Side.valueOf(body.get("side").asText().toUpperCase(Locale.ROOT)));
            }
            case "rollback" -> control.rollback(routeId, body != null && body.has("reason")
                    ? body.get("reason").asText() : "rollback requested through the admin API");
            case "ramp" -> {
                require(body != null && body.has("steps"), "body must have steps, stepIntervalMs and gates");
                List<Double> steps = new ArrayList<>();
                body.get("steps").forEach(s -> steps.add(s.asDouble()));
                HealthGates gates = body.has("gates") ? json.treeToValue(body.get("gates"), HealthGates.class)
                        : HealthGates.defaults();
                ok(exchange, control.startRamp(routeId,
                        new RampPlan(steps, body.path("stepIntervalMs").asLong(60_000), gates)));
                return;
            }
            default -> throw new IllegalArgumentException("unknown route action '" + action + "'");
        }
        ok(exchange, control.routes().route(routeId));
    }

    private static List<Map<String, Object>> events(List<RouterEvent> recent) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RouterEvent e : recent) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", e.getType().name());
            m.put("instanceId", e.getInstanceId());
            m.put("routeId", e.getRouteId());
            m.put("backend", e.getBackend());
            m.put("weightPercent", e.getWeightPercent());
            m.put("reason", e.getReason());
            m.put("details", e.getDetails());
            m.put("timestampMicros", e.getTimestampMicros());
            out.add(m);
        }
        return out;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            require(bytes.length <= MAX_BODY, "request body larger than " + MAX_BODY + " bytes");
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.isBlank() ? "{}" : text;
        }
    }

    private void ok(HttpExchange exchange, Object value) throws IOException {
        send(exchange, 200, "application/json", json.writeValueAsString(value));
    }

    private void error(HttpExchange exchange, int status, String message) {
        try {
            send(exchange, status, "application/json",
                    json.writeValueAsString(Map.of("status", status, "error", String.valueOf(message))));
        } catch (IOException e) {
            LOGGER.debug("Could not send admin error {}", status, e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
