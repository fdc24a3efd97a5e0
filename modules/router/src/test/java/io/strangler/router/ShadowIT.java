package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.schemas.RouterEvent;
import io.strangler.schemas.RouterEventType;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShadowIT {

    /** Chunked: the primary's body reaches the comparison de-chunked (the client gets the chunks as they came). */
    @ParameterizedTest(name = "chunked answers: {0}")
    @ValueSource(booleans = {false, true})
    void shouldReportExactlyTheRequestsWhoseAnswersDiffer(boolean chunked) throws Exception {
        AtomicLong clock = new AtomicLong();
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service")) {
            // Given a monolith with a noisy field (a counter) and a service that differs for every 5th item
            monolith.handler((exchange, name) -> item(exchange, false, clock.incrementAndGet(), chunked));
            service.handler((exchange, name) -> item(exchange, true, clock.incrementAndGet(), chunked));
            RouteSpec route = RouteSpec.split("items", "/items", "monolith", "service", 0, null)
                    .withShadow(new Shadow(100, List.of("content-type"), List.of("/meta/server"), true, 0));
            try (StranglerRouter router = RouterFixture.start(RouterFixture.table(route, monolith.spec(),
                    service.spec()))) {
                // When 40 items are read through the router
                for (int i = 1; i <= 40; i++) {
                    assertThat(RouterFixture.get(router, "/items/" + i).body()).contains("\"name\":\"item-" + i
                            + "\"");
                }
                // Then exactly items 5, 10, ..., 40 are reported, each at /name only
                Set<Integer> expected = Set.of(5, 10, 15, 20, 25, 30, 35, 40);
                await().atMost(Duration.ofSeconds(10)).until(() -> diffs(router).size() >= expected.size());
                // late false positives would arrive after the expected ones: the count must hold for a while
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() ->
                        diffs(router).size() == expected.size());
                List<RouterEvent> diffs = diffs(router);
                assertThat(diffs.stream().map(e -> Integer.parseInt(e.getDetails().replaceAll(
                        ".*\"uri\":\"/items/(\\d+)\".*", "$1"))).collect(Collectors.toSet())).isEqualTo(expected);
                assertThat(diffs).hasSize(expected.size()).allSatisfy(e ->
                        assertThat(e.getDetails()).contains("\"differences\":[\"body /name\"]"));
            }
        }
    }

    private static List<RouterEvent> diffs(StranglerRouter router) {
        return router.recentEvents().stream().filter(e -> e.getType() == RouterEventType.SHADOW_DIFF).toList();
    }

    private static void item(com.sun.net.httpserver.HttpExchange exchange, boolean service, long tick,
            boolean chunked) throws java.io.IOException {
        int id = Integer.parseInt(exchange.getRequestURI().getPath().substring("/items/".length()));
        String name = service && id % 5 == 0 ? "ITEM-" + id : "item-" + id;
        exchange.getResponseHeaders().set("content-type", "application/json");
        String body = "{\"id\":" + id + ",\"name\":\"" + name + "\",\"meta\":{\"tick\":" + tick
                + ",\"server\":\"" + (service ? "svc" : "mono") + "\"}}";
        if (!chunked) {
            TestBackend.send(exchange, 200, body);
            return;
        }
        exchange.sendResponseHeaders(200, 0);
        try (var out = exchange.getResponseBody()) {
            // two chunks at least, so that the body is reassembled from pieces
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(bytes, 0, 7);
            out.flush();
            out.write(bytes, 7, bytes.length - 7);
        }
    }
}
