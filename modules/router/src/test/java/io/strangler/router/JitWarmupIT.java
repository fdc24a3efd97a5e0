package io.strangler.router;

import static io.strangler.router.RouterFixture.backendOf;
import static io.strangler.router.RouterFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** warmup.requests: synthetic traffic through a throwaway proxy at start, none of it visible in the router. */
class JitWarmupIT {

    @Test
    void shouldStartAfterItsWarmUpWithNoTraceOfItInConnectionsEventsOrMetrics() throws Exception {
        try (TestBackend monolith = new TestBackend("monolith");
                StranglerRouter router = RouterFixture.start(RouterFixture.table(
                        RouteSpec.simple("orders", "/orders", "monolith"), monolith.spec()),
                        Map.of(RouterConfig.WARMUP_REQUESTS, 2_000))) {
            // Then nothing of the warm-up shows: no connections, no exchanges, no events
            assertThat(router.backendConnections()).isZero();
            assertThat(router.clientConnections()).isZero();
            assertThat(router.activeExchanges()).isZero();
            assertThat(router.recentEvents()).isEmpty();
            assertThat(monolith.requests()).isZero();

            // When a user request comes
            HttpResponse<String> response = get(router, "/orders/1");

            // Then it is proxied as usual, and the metrics count it alone
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(backendOf(response)).isEqualTo("monolith");
            String metrics = RouterFixture.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + router.adminPort() + "/metrics")).header("Authorization", "Bearer " + RouterFixture.TOKEN)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).doesNotContain("warmup")
                    .containsPattern("strangler_router_responses_total\\{route=\"orders\",side=\"stable\","
                            + "status=\"2xx\"} 1\\.0");
        }
    }
}
