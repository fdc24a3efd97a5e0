package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.schemas.RouterEventType;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A ramp runs on one instance and is checkpointed on the routes topic: it survives a restart of that instance, and
 * ends when another instance rolls the route back instead of undoing the rollback at its next step.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class RampAcrossInstancesIT {

    @Test
    void shouldEndTheRampWhenAnotherInstanceRollsTheRouteBack(TestKafka kafka) throws Exception {
        String prefix = kafka.uniqueTopic("rampelsewhere").replace('-', '_');
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service")) {
            RouteTable table = ordersAtZero(monolith, service);
            try (StranglerRouter edge1 = RouterFixture.start(table, RouterFixture.instance(kafka, prefix, "edge-1"));
                    StranglerRouter edge2 = RouterFixture.start(table, RouterFixture.instance(kafka, prefix, "edge-2"))) {
                // Given a ramp running on edge-1, in its first step
                edge1.control().startRamp("orders", new RampPlan(List.of(10.0, 50.0, 100.0), 1_000,
                        HealthGates.defaults()));
                await().atMost(Duration.ofSeconds(5)).until(() -> edge2.routes().route("orders").weight() == 10.0);

                // When an operator rolls the route back through edge-2
                edge2.control().rollback("orders", "error budget spent");

                // Then edge-1 ends its ramp as rolled back
                await().atMost(Duration.ofSeconds(5)).until(() -> edge1.control().ramp("orders").orElseThrow()
                        .state() == RampStatus.State.ROLLED_BACK);
                assertThat(edge1.control().ramp("orders").orElseThrow().reason()).contains("rolled back elsewhere");
                // And no later step undoes the rollback on any instance (two step intervals later)
                await().during(Duration.ofMillis(2_000)).atMost(Duration.ofSeconds(4)).until(() ->
                        edge1.routes().route("orders").rolledBack() && edge2.routes().route("orders").rolledBack()
                                && edge2.routes().route("orders").weight() == 0.0);
            }
        }
    }

    /** The route under test: orders split between the two backends, weight 0 in every instance's file. */
    private static RouteTable ordersAtZero(TestBackend monolith, TestBackend service) {
        return RouterFixture.table(RouteSpec.split("orders", "/orders", "monolith", "service", 0, null),
                monolith.spec(), service.spec());
    }

    @Test
    void shouldGoOnWithTheRampAfterTheInstanceRunningItRestarts(TestKafka kafka) throws Exception {
        String prefix = kafka.uniqueTopic("ramprestart").replace('-', '_');
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service")) {
            RouteTable table = ordersAtZero(monolith, service);
            Map<String, Object> edge1 = RouterFixture.instance(kafka, prefix, "edge-1");
            RampPlan plan = new RampPlan(List.of(10.0, 50.0, 100.0), 1_500, HealthGates.defaults());

            // Given a ramp running on instance edge-1, in its second step
            try (StranglerRouter first = RouterFixture.start(table, edge1)) {
                first.control().startRamp("orders", plan);
                await().atMost(Duration.ofSeconds(10)).until(() -> first.routes().route("orders").weight() == 50.0);
            }

            // When edge-1 restarts (its file still says weight 0), and another instance starts beside it
            try (StranglerRouter restarted = RouterFixture.start(table, edge1);
                    StranglerRouter other = RouterFixture.start(table, RouterFixture.instance(kafka, prefix, "edge-2"))) {
                // Then edge-1 takes the ramp up where it was, and only edge-1 runs it
                assertThat(restarted.control().ramp("orders")).hasValueSatisfying(status -> {
                    assertThat(status.state()).isIn(RampStatus.State.RUNNING, RampStatus.State.COMPLETED);
                    assertThat(status.weight()).isGreaterThanOrEqualTo(50.0);
                });
                assertThat(restarted.recentEvents()).anySatisfy(event -> {
                    assertThat(event.getType()).isEqualTo(RouterEventType.RAMP_RESUMED);
                    assertThat(event.getReason().toString()).contains("restart of edge-1");
                });
                assertThat(other.control().ramp("orders")).isEmpty();
                assertThat(restarted.routes().route("orders").weight()).isGreaterThanOrEqualTo(50.0);

                // And the ramp completes, every instance following it through the topic
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(restarted.control().ramp("orders").orElseThrow().state())
                            .isEqualTo(RampStatus.State.COMPLETED);
                    assertThat(other.routes().route("orders").weight()).isEqualTo(100.0);
                });
            }
        }
    }
}
