package io.strangler.router;

import static io.strangler.router.RouterFixture.backendOf;
import static io.strangler.router.RouterFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoutingIT {

    private static TestBackend monolith;
    private static TestBackend service;

    @BeforeAll
    static void backends() throws Exception {
        monolith = new TestBackend("monolith");
        service = new TestBackend("service");
    }

    @AfterAll
    static void stop() {
        monolith.close();
        service.close();
    }

    private static RouteTable split(double weight) {
        return RouterFixture.table(RouteSpec.split("orders", "/orders", "monolith", "service", weight,
                StickyKey.parse("header:X-User-Id")), monolith.spec(), service.spec());
    }

    @Test
    void shouldSplitTrafficWithinStatisticalToleranceOver10000Requests() throws Exception {
        // Given 30 % of users routed to the service
        try (StranglerRouter router = RouterFixture.start(split(30))) {
            // When 10,000 distinct users send one request each
            Map<String, List<String>> byBackend = sendUsers(router, 10_000, "u-");

            // Then the candidate share is 30 % within 3.5 standard deviations (sd = 0.46 points)
            double share = byBackend.getOrDefault("service", List.of()).size() / 10_000.0;
            assertThat(share).isBetween(0.284, 0.316);
            assertThat(byBackend.keySet()).containsOnly("monolith", "service");
            assertThat(router.activeExchanges()).isZero();
        }
    }

    @Test
    void shouldSplitTheSameWayWithEventLoopsThatPollBeforeSleeping() throws Exception {
        // Given event loops that keep polling 200 us after their last I/O
        try (StranglerRouter router = RouterFixture.start(split(30),
                Map.of(RouterConfig.IO_POLL_SPIN_MICROS, 200))) {
            // When 2,000 distinct users send one request each
            Map<String, List<String>> byBackend = sendUsers(router, 2_000, "u-");

            // Then every request was answered, by the same sides the hash gives without polling
            try (StranglerRouter sleeping = RouterFixture.start(split(30))) {
                assertThat(sendUsers(sleeping, 2_000, "u-")).isEqualTo(byBackend);
            }
            assertThat(byBackend.values().stream().mapToInt(List::size).sum()).isEqualTo(2_000);
            assertThat(router.activeExchanges()).isZero();
        }
    }

    @Test
    void shouldKeepUsersOnTheServiceAcrossARampFrom10To50To100Percent() throws Exception {
        try (StranglerRouter router = RouterFixture.start(split(10))) {
            // Given the users on the service at 10 %
            Set<String> at10 = new HashSet<>(sendUsers(router, 2_000, "r-").getOrDefault("service", List.of()));
            // When the weight grows to 50 % and then 100 %
            router.control().setWeight("orders", 50);
            Set<String> at50 = new HashSet<>(sendUsers(router, 2_000, "r-").getOrDefault("service", List.of()));
            router.control().setWeight("orders", 100);
            Set<String> at100 = new HashSet<>(sendUsers(router, 2_000, "r-").getOrDefault("service", List.of()));

            // Then nobody moved back: each set contains the previous one
            assertThat(at10).hasSizeBetween(140, 260);
            assertThat(at50).containsAll(at10).hasSizeBetween(900, 1_100);
            assertThat(at100).containsAll(at50).hasSize(2_000);
        }
    }

    @Test
    void shouldAlwaysSendACanaryHeaderToTheService() {
        // Given no weight at all but a canary header
        RouteTable table = RouterFixture.table(RouteSpec.split("orders", "/orders", "monolith", "service", 0,
                null).withCanary(Canary.header("X-Canary", "1")), monolith.spec(), service.spec());
        try (StranglerRouter router = RouterFixture.start(table)) {
            for (int i = 0; i < 200; i++) {
                // When canary requests come from many users
                HttpResponse<String> canary = get(router, "/orders/" + i, "X-Canary", "1", "X-User-Id", "c" + i);
                HttpResponse<String> plain = get(router, "/orders/" + i, "X-User-Id", "c" + i);
                // Then every canary reaches the service and every other request the monolith
                assertThat(backendOf(canary)).isEqualTo("service");
                assertThat(backendOf(plain)).isEqualTo("monolith");
            }
        }
    }

    @Test
    void shouldSwitchBlueGreenAtOnceAndRollBack() {
        try (StranglerRouter router = RouterFixture.start(split(0))) {
            router.control().switchTo("orders", Side.CANDIDATE);
            assertThat(backendOf(get(router, "/orders/1", "X-User-Id", "a"))).isEqualTo("service");
            assertThat(backendOf(get(router, "/orders/1", "X-User-Id", "b"))).isEqualTo("service");
            router.control().rollback("orders", "test");
            assertThat(backendOf(get(router, "/orders/1", "X-User-Id", "a"))).isEqualTo("monolith");
            assertThat(router.routes().route("orders").rolledBack()).isTrue();
        }
    }

    @Test
    void shouldKeepASessionOnItsSideByCookie() {
        // Given sessions on a 50 % route keyed by client IP (all the same here)
        RouteTable table = RouterFixture.table(RouteSpec.split("orders", "/orders", "monolith", "service", 50,
                null).withSession(new Session(null, 0)), monolith.spec(), service.spec());
        try (StranglerRouter router = RouterFixture.start(table)) {
            HttpResponse<String> first = get(router, "/orders/1");
            String cookie = first.headers().firstValue("set-cookie").orElseThrow();
            String side = backendOf(first);
            assertThat(cookie).startsWith("strangler-orders=");
            // When the weight moves so that the IP's bucket changes side
            router.control().setWeight("orders", side.equals("service") ? 1 : 99);
            // Then the session cookie keeps the client where it was
            for (int i = 0; i < 20; i++) {
                assertThat(backendOf(get(router, "/orders/" + i, "Cookie", cookie.split(";")[0])))
                        .isEqualTo(side);
            }
        }
    }

    @Test
    void shouldRouteFlaggedUsersThroughOpenFeature() {
        RouteTable base = split(0);
        RouteTable table = new RouteTable(base.backends(), List.of(base.route("orders").withFlag("orders-beta")),
                Map.of("orders-beta", new FlagSpec("orders-beta", true, List.of("alice"), 0)));
        try (StranglerRouter router = RouterFixture.start(table)) {
            assertThat(backendOf(get(router, "/orders/1", "X-User-Id", "alice"))).isEqualTo("service");
            assertThat(backendOf(get(router, "/orders/1", "X-User-Id", "bob"))).isEqualTo("monolith");
            router.control().upsertFlag(new FlagSpec("orders-beta", false, List.of("alice"), 0));
            assertThat(backendOf(get(router, "/orders/1", "X-User-Id", "alice"))).isEqualTo("monolith");
        }
    }

    @Test
    void shouldForwardClientHeadersAndRemoveHopByHopOnes() throws Exception {
        try (StranglerRouter router = RouterFixture.start(split(0))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port()
                    + "/orders/7?x=1")).header("X-Forwarded-For", "10.1.1.1").header("X-Private", "secret")
                    .header("Te", "trailers").GET().build();
            HttpResponse<String> response = RouterFixture.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("x-echo-x-forwarded-for")).hasValue("10.1.1.1, 127.0.0.1");
            assertThat(response.headers().firstValue("x-echo-forwarded")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("for=127.0.0.1;host=127.0.0.1:").endsWith(";proto=http"));
            assertThat(response.headers().firstValue("x-echo-x-forwarded-proto")).hasValue("http");
            assertThat(response.headers().firstValue("x-echo-te")).isEmpty();
            assertThat(response.headers().firstValue("x-echo-x-private")).hasValue("secret");
            assertThat(response.body()).contains("\"path\":\"/orders/7\"");
        }
    }

    @Test
    void shouldAnswer404ForARequestNoRouteTakes() {
        try (StranglerRouter router = RouterFixture.start(split(0))) {
            long before = monolith.requests() + service.requests();
            HttpResponse<String> response = get(router, "/ordersx");
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("\"message\":\"no route matches GET /ordersx\"");
            assertThat(monolith.requests() + service.requests()).as("requests that reached a backend")
                    .isEqualTo(before);
        }
    }

    @Test
    void shouldStreamALargeRequestBodyToTheBackend() throws Exception {
        try (StranglerRouter router = RouterFixture.start(split(0))) {
            byte[] body = new byte[24 * 1024 * 1024];
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port()
                    + "/orders/upload")).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = RouterFixture.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).contains("\"received\":" + body.length);
        }
    }

    /** Sends one request per user (bounded concurrency) and groups user ids by the backend that answered. */
    static Map<String, List<String>> sendUsers(StranglerRouter router, int users, String prefix) throws Exception {
        Semaphore permits = new Semaphore(32);
        List<CompletableFuture<String[]>> futures = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String user = prefix + i;
            permits.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port()
                    + "/orders/" + i)).header("X-User-Id", user).GET().build();
            futures.add(RouterFixture.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> permits.release())
                    .thenApply(r -> new String[] {backendOf(r), user}));
        }
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (CompletableFuture<String[]> f : futures) {
            String[] pair = f.get();
            out.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]);
        }
        return out;
    }
}
