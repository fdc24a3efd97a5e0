package io.strangler.router;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Starts routers on random ports and talks to them. */
final class RouterFixture {

    static final String TOKEN = "test-admin-token-0123456789";
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private RouterFixture() {
    }

    static Map<String, Object> props(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(RouterConfig.LISTEN_HOST, "127.0.0.1");
        props.put(RouterConfig.LISTEN_PORT, 0);
        props.put(RouterConfig.ADMIN_PORT, 0);
        props.put(RouterConfig.ADMIN_TOKEN, TOKEN);
        props.put(RouterConfig.IO_THREADS, 2);
        props.put(RouterConfig.GATE_CHECK_MS, 50);
        // tests start dozens of routers and measure no latency: no JIT warm-up (JitWarmupIT covers it)
        props.put(RouterConfig.WARMUP_REQUESTS, 0);
        props.putAll(extra);
        return props;
    }

    /** Settings of one of several router instances sharing the embedded Kafka's topics under {@code prefix}. */
    static Map<String, Object> instance(io.strangler.testsupport.TestKafka kafka, String prefix, String id) {
        return Map.of(RouterConfig.KAFKA_BOOTSTRAP, kafka.bootstrapServers(), RouterConfig.TOPIC_PREFIX, prefix,
                RouterConfig.INSTANCE_ID, id);
    }

    static StranglerRouter start(RouteTable table) {
        return StranglerRouter.start(new RouterConfig(props(Map.of())), table);
    }

    static StranglerRouter start(RouteTable table, Map<String, Object> extra) {
        return StranglerRouter.start(new RouterConfig(props(extra)), table);
    }

    static RouteTable table(RouteSpec route, BackendSpec... backends) {
        Map<String, BackendSpec> map = new HashMap<>();
        for (BackendSpec b : backends) {
            map.put(b.name(), b);
        }
        return new RouteTable(map, java.util.List.of(route), Map.of());
    }

    static HttpResponse<String> get(StranglerRouter router, String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        try {
            return CLIENT.send(builder.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String backendOf(HttpResponse<String> response) {
        return response.headers().firstValue("x-backend").orElse("none:" + response.statusCode());
    }
}
