package io.strangler.router.internal;

import io.strangler.router.BackendSpec;
import io.strangler.schemas.RouterEventType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Active health probes: GET healthPath on every backend that has one; 2xx/3xx within the timeout is up. */
public final class HealthChecker implements AutoCloseable {

    private final RoutingEngine engine;
    private final EventSink events;
    private final Duration timeout;
    private final HttpClient client;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "router-health");
        t.setDaemon(true);
        return t;
    });

    public HealthChecker(RoutingEngine engine, EventSink events, long intervalMillis, long timeoutMillis) {
        this.engine = engine;
        this.events = events;
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .executor(timer).build();
        timer.scheduleWithFixedDelay(this::probeAll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private void probeAll() {
        for (BackendSpec backend : engine.table().backends().values()) {
            if (backend.healthPath() == null) {
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(backend.url() + backend.healthPath()))
                    .timeout(timeout).header("User-Agent", "strangler-router-health").GET().build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                boolean up = error == null && response.statusCode() < 400;
                BackendHealth health = engine.health(backend.name());
                if (health.probeResult(up)) {
                    if (up) {
                        health.clearEjection();
                    }
                    events.emit(RouterEventType.BACKEND_HEALTH, null, backend.name(), null,
                            up ? "probe up" : "probe down: " + (error != null ? error.toString()
                                    : "status " + response.statusCode()), null);
                }
            });
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
