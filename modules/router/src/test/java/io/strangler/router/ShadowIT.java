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
import org.junit.jupiter.api.Test;

class ShadowIT {

    @Test
    void shouldReportExactlyTheRequestsWhoseAnswersDiffer() throws Exception {
        AtomicLong clock = new AtomicLong();
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service")) {
            // Given a monolith with a noisy field (a counter) and a service that differs for every 5th item
            monolith.handler((exchange, name) -> item(exchange, false, clock.incrementAndGet()));
            service.handler((exchange, name) -> item(exchange, true, clock.incrementAndGet()));
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

    private static void item(com.sun.net.httpserver.HttpExchange exchange, boolean service, long tick)
            throws java.io.IOException {
        int id = Integer.parseInt(exchange.getRequestURI().getPath().substring("/items/".length()));
        String name = service && id % 5 == 0 ? "ITEM-" + id : "item-" + id;
        exchange.getResponseHeaders().set("content-type", "application/json");
        TestBackend.send(exchange, 200, "{\"id\":" + id + ",\"name\":\"" + name + "\",\"meta\":{\"tick\":" + tick
                + ",\"server\":\"" + (service ? "svc" : "mono") + "\"}}");
    }
}
