package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminApiIT {

    private static TestBackend monolith;
    private static TestBackend service;
    private static StranglerRouter router;

    @BeforeAll
    static void start() throws Exception {
        monolith = new TestBackend("monolith");
        service = new TestBackend("service");
        router = RouterFixture.start(RouterFixture.table(RouteSpec.split("orders", "/orders", "monolith", "service",
                0, null), monolith.spec(), service.spec()));
    }

    @AfterAll
    static void stop() {
        router.close();
        monolith.close();
        service.close();
    }

    private static HttpResponse<String> call(String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.adminPort()
                + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return RouterFixture.CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRefuseAMissingToken() throws Exception {
        HttpResponse<String> response = call("POST", "/routes/orders/weight", "{\"percent\":100}", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate")).isPresent();
        assertThat(router.routes().route("orders").weight()).isZero();
    }

    @Test
    void shouldRefuseAWrongToken() throws Exception {
        HttpResponse<String> response = call("POST", "/routes/orders/rollback", "{}", RouterFixture.TOKEN + "x");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(call("GET", "/metrics", null, "nope").statusCode()).isEqualTo(403);
        assertThat(router.routes().route("orders").rolledBack()).isFalse();
    }

    @Test
    void shouldChangeWeightsAndServeMetricsWithTheRightToken() throws Exception {
        HttpResponse<String> weight = call("POST", "/routes/orders/weight", "{\"percent\":100}", RouterFixture.TOKEN);
        assertThat(weight.statusCode()).isEqualTo(200);
        assertThat(weight.body()).contains("\"weight\":100.0");
        assertThat(RouterFixture.backendOf(RouterFixture.get(router, "/orders/1"))).isEqualTo("service");
        call("POST", "/routes/orders/weight", "{\"percent\":0}", RouterFixture.TOKEN);

        HttpResponse<String> metrics = call("GET", "/metrics", null, RouterFixture.TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("strangler_router_responses_total{route=\"orders\",side=\"candidate\"");
        assertThat(call("GET", "/routes", null, RouterFixture.TOKEN).body()).contains("\"id\":\"orders\"");
        assertThat(call("POST", "/routes/orders/weight", "{\"percent\":101}", RouterFixture.TOKEN).body())
                .contains("must be in 0..100");
        assertThat(call("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }
}
