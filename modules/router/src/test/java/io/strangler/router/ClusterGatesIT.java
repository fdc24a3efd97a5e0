package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A ramp's gates judge the traffic of every instance, not only of the one running the ramp: instances share their
 * counts and latency histograms on the stats topic.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ClusterGatesIT {

    @Test
    void shouldRollBackWhenTheCandidateFailsOnlyForTrafficThroughAnotherInstance(TestKafka kafka) throws Exception {
        String prefix = kafka.uniqueTopic("clustergates").replace('-', '_');
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service")) {
            service.handler((exchange, name) -> TestBackend.send(exchange, 503, "{\"error\":\"down\"}"));
            RouteTable table = RouterFixture.table(RouteSpec.split("orders", "/orders", "monolith", "service", 0,
                    StickyKey.parse("header:X-User-Id")), monolith.spec(), service.spec());
            try (StranglerRouter owner = RouterFixture.start(table, RouterFixture.instance(kafka, prefix, "edge-1"));
                    StranglerRouter other = RouterFixture.start(table, RouterFixture.instance(kafka, prefix, "edge-2"))) {
                // Given a ramp running on edge-1 whose steps are long enough that only a gate can end the first one
                owner.control().startRamp("orders", new RampPlan(List.of(50.0, 100.0), 60_000,
                        new HealthGates(0.01, 2.0, 10, 0)));
                await().atMost(Duration.ofSeconds(5)).until(() -> other.routes().route("orders").weight() == 50.0);

                // When users reach the failing candidate through edge-2 only
                for (int user = 0; user < 200; user++) {
                    RouterFixture.get(other, "/orders/1", "X-User-Id", "user-" + user);
                }

                // Then edge-1, which served none of them, sees the breach and rolls the route back everywhere
                await().atMost(Duration.ofSeconds(10)).until(() -> owner.control().ramp("orders").orElseThrow()
                        .state() == RampStatus.State.ROLLED_BACK);
                assertThat(owner.control().ramp("orders").orElseThrow().reason()).contains("candidate error rate");
                await().atMost(Duration.ofSeconds(5)).until(() -> other.routes().route("orders").rolledBack());
                assertThat(RouterFixture.backendOf(RouterFixture.get(other, "/orders/1", "X-User-Id", "user-7")))
                        .isEqualTo("monolith");
            }
        }
    }
}
