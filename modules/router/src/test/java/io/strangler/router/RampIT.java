package io.strangler.router;

import static io.strangler.router.RouterFixture.backendOf;
import static io.strangler.router.RouterFixture.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.schemas.RouterEventType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RampIT {

    @Test
    void shouldRollBackAutomaticallyWhenTheServiceStartsReturning5xx() throws Exception {
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service");
                StranglerRouter router = RouterFixture.start(RouterFixture.table(RouteSpec.split("orders", "/orders",
                        "monolith", "service", 0, StickyKey.parse("header:X-User-Id")), monolith.spec(),
                        service.spec()))) {
            // Given a ramp that is healthy at its first step
            router.control().startRamp("orders", new RampPlan(List.of(50.0, 100.0), 60_000,
                    new HealthGates(0.05, 10, 10, 0)));
            for (int i = 0; i < 50; i++) {
                get(router, "/orders/" + i, "X-User-Id", "u" + i);
            }
            assertThat(router.control().ramp("orders").orElseThrow().state()).isEqualTo(RampStatus.State.RUNNING);

            // When the service starts failing
            AtomicBoolean failing = new AtomicBoolean(true);
            service.handler((exchange, name) -> TestBackend.send(exchange, failing.get() ? 500 : 200, "{}"));
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                for (int i = 0; i < 20; i++) {
                    get(router, "/orders/" + i, "X-User-Id", "u" + i);
                }
                return router.routes().route("orders").rolledBack();
            });

            // Then the ramp is rolled back, the events say why, and everyone is on the monolith
            assertThat(router.control().ramp("orders").orElseThrow().state())
                    .isEqualTo(RampStatus.State.ROLLED_BACK);
            assertThat(router.recentEvents()).extracting(e -> e.getType())
                    .contains(RouterEventType.RAMP_STARTED, RouterEventType.GATE_BREACH, RouterEventType.ROLLBACK);
            for (int i = 0; i < 50; i++) {
                assertThat(backendOf(get(router, "/orders/" + i, "X-User-Id", "u" + i))).isEqualTo("monolith");
            }
        }
    }

    @Test
    void shouldAdvanceStepsWhileGatesHoldAndPauseOnRequest() throws Exception {
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service");
                StranglerRouter router = RouterFixture.start(RouterFixture.table(RouteSpec.split("orders", "/orders",
                        "monolith", "service", 0, null), monolith.spec(), service.spec()))) {
            router.control().startRamp("orders", new RampPlan(List.of(10.0, 20.0, 100.0), 200,
                    new HealthGates(0.05, 10, 1_000, 0)));
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    router.control().ramp("orders").orElseThrow().state() == RampStatus.State.COMPLETED);
            assertThat(router.routes().route("orders").weight()).isEqualTo(100.0);

            router.control().startRamp("orders", new RampPlan(List.of(30.0, 60.0), 300, null));
            RampStatus paused = router.control().pauseRamp("orders");
            assertThat(paused.state()).isEqualTo(RampStatus.State.PAUSED);
            // a paused ramp must hold its weight for longer than two step intervals
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(router.routes().route("orders").weight()).isEqualTo(30.0));
        }
    }
}
