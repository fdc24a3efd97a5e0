package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.router.internal.StickyHash;
import org.junit.jupiter.api.Test;

class RoutesFileTest {

    private static final String VALID = """
            backends:
              monolith: { url: "http://127.0.0.1:8080" }
              orders: { url: "http://127.0.0.1:8081", responseTimeoutMs: 2000, healthPath: /health }
            flags:
              orders-beta: { enabled: true, users: [alice] }
            routes:
              - id: orders
                match: { pathPrefix: /orders, methods: [get] }
                stable: monolith
                candidate: orders
                weight: 10
                stickyKey: header:X-User-Id
                flag: orders-beta
            """;

    @Test
    void shouldReadAValidRoutesFile() {
        RouteTable table = RoutesFile.parse(VALID, "routes.yaml");
        RouteSpec route = table.route("orders");
        assertThat(route.weight()).isEqualTo(10);
        assertThat(route.match().methods()).containsExactly("GET");
        assertThat(route.stickyKey()).isEqualTo(new StickyKey(StickyKey.Source.HEADER, "X-User-Id"));
        assertThat(table.backends().get("orders").responseTimeoutMs()).isEqualTo(2000);
        assertThat(table.flags().get("orders-beta").users()).containsExactly("alice");
    }

    @Test
    void shouldNameTheKeyOfAnInvalidWeight() {
        assertThatThrownBy(() -> RoutesFile.parse(VALID.replace("weight: 10", "weight: 120"), "routes.yaml"))
                .isInstanceOf(RouteConfigException.class)
                .hasMessageContaining("routes.yaml").hasMessageContaining("routes.orders.weight")
                .hasMessageContaining("must be in 0..100, was 120");
    }

    @Test
    void shouldRejectAnUnknownBackendAndAnUnknownKey() {
        assertThatThrownBy(() -> RoutesFile.parse(VALID.replace("candidate: orders", "candidate: nope"), "f"))
                .hasMessageContaining("routes.orders.candidate: unknown backend 'nope'");
        assertThatThrownBy(() -> RoutesFile.parse(VALID.replace("weight: 10", "weigth: 10"), "f"))
                .hasMessageContaining("weigth");
        assertThatThrownBy(() -> RoutesFile.parse(VALID.replace("http://127.0.0.1:8080", "ftp://x"), "f"))
                .hasMessageContaining("backends.monolith.url");
    }

    @Test
    void shouldOnlyMoveKeysToTheCandidateAsTheWeightGrows() {
        for (int i = 0; i < 5_000; i++) {
            String key = "user-" + i;
            boolean before = false;
            for (double weight = 0; weight <= 100; weight += 2.5) {
                boolean now = StickyHash.inCandidate("orders", key, weight);
                assertThat(!before || now).as("key %s at %s %%", key, weight).isTrue();
                before = now;
            }
            assertThat(StickyHash.inCandidate("orders", key, 100)).isTrue();
            assertThat(StickyHash.inCandidate("orders", key, 0)).isFalse();
        }
    }
}
