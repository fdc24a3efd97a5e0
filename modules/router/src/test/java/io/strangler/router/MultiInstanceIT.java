package io.strangler.router;

import static io.strangler.router.RouterFixture.backendOf;
import static io.strangler.router.RouterFixture.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class MultiInstanceIT {

    @Test
    void shouldSwitchAndRollBackEveryInstanceWithinOneSecondThroughTheRoutesTopic(TestKafka kafka) throws Exception {
        String prefix = kafka.uniqueTopic("routertest").replace('-', '_');
        List<StranglerRouter> routers = new ArrayList<>();
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service");
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory()) {
            RouteTable table = RouterFixture.table(RouteSpec.split("orders", "/orders", "monolith", "service", 0,
                    null), monolith.spec(), service.spec());
            // Given three router instances sharing the routes topic
            for (int i = 0; i < 3; i++) {
                routers.add(RouterFixture.start(table, Map.of(RouterConfig.KAFKA_BOOTSTRAP, kafka.bootstrapServers(),
                        RouterConfig.TOPIC_PREFIX, prefix, RouterConfig.INSTANCE_ID, "r" + i,
                        RouterConfig.REGISTRY_URL, registry.url())));
            }
            for (StranglerRouter router : routers) {
                assertThat(backendOf(get(router, "/orders/1"))).isEqualTo("monolith");
            }

            // When one instance switches the route to the service (blue-green)
            long start = System.nanoTime();
            routers.get(0).control().switchTo("orders", Side.CANDIDATE);
            // Then every instance serves from the service within a second
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() ->
                    routers.stream().allMatch(r -> "service".equals(backendOf(get(r, "/orders/1")))));
            long switchMillis = (System.nanoTime() - start) / 1_000_000;

            // When another instance rolls back
            start = System.nanoTime();
            routers.get(2).control().rollback("orders", "test rollback");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() ->
                    routers.stream().allMatch(r -> "monolith".equals(backendOf(get(r, "/orders/1")))));
            long rollbackMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(routers).allSatisfy(r -> assertThat(r.routes().route("orders").rolledBack()).isTrue());
            org.slf4j.LoggerFactory.getLogger(MultiInstanceIT.class).info(
                    "switch reached 3 instances in {} ms, rollback in {} ms", switchMillis, rollbackMillis);

            // And a new instance starts with what the topic says, not its file
            try (StranglerRouter late = RouterFixture.start(table, Map.of(RouterConfig.KAFKA_BOOTSTRAP,
                    kafka.bootstrapServers(), RouterConfig.TOPIC_PREFIX, prefix))) {
                assertThat(late.routes().route("orders").rolledBack()).isTrue();
            }
        } finally {
            routers.forEach(StranglerRouter::close);
        }
    }
}
