package io.strangler.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.core.topic.TopicNames;
import io.strangler.schemas.ConsistencyCounts;
import io.strangler.schemas.ConsistencyStatus;
import io.strangler.schemas.RouterEvent;
import io.strangler.schemas.RouterEventType;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ramp's consistency gate fed by ConsistencyStatus events; the test plays the consistency auditor. */
@ExtendWith(EmbeddedKafkaExtension.class)
class ConsistencyGateIT {

    private static final HealthGates GATES = new HealthGates(1, 100, 1_000_000, 99.0);
    private final AtomicLong emitted = new AtomicLong(System.currentTimeMillis() * 1_000);

    @Test
    void shouldWaitBelowTheThresholdAdvanceAboveItAndRollBackWhenConsistencyDrops(TestKafka kafka) throws Exception {
        String prefix = kafka.uniqueTopic("routergate").replace('-', '_');
        String statusTopic = new TopicNames(prefix).consistencyStatus();
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service");
                EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory();
                StranglerRouter router = RouterFixture.start(RouterFixture.table(RouteSpec.split("orders",
                        "/orders", "monolith", "service", 0, null), monolith.spec(), service.spec()),
                        Map.of(RouterConfig.KAFKA_BOOTSTRAP, kafka.bootstrapServers(), RouterConfig.TOPIC_PREFIX,
                                prefix, RouterConfig.REGISTRY_URL, registry.url()));
                KafkaProducer<String, ConsistencyStatus> auditor = auditor(kafka, registry)) {
            // Given a ramp with a 99 % consistency gate started before the auditor has published anything
            RampStatus started = router.control().startRamp("orders", new RampPlan(List.of(10.0, 50.0, 100.0),
                    1_000, GATES));

            // Then it waits without moving traffic, and the admin API says why
            assertThat(started.state()).isEqualTo(RampStatus.State.WAITING);
            assertThat(started.step()).isEqualTo(-1);
            assertThat(started.reason()).contains("no consistency status seen yet");
            assertThat(adminRamp(router)).contains("\"state\":\"WAITING\"", "no consistency status seen yet");

            // When the auditor reports 95 %
            kafka.createTopic(statusTopic, 1, Map.of());
            publish(auditor, statusTopic, 95.0);

            // Then the ramp keeps waiting, naming the figure, and the route is untouched
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    router.control().ramp("orders").orElseThrow().reason().contains("consistency is 95.00%"));
            assertThat(router.control().ramp("orders").orElseThrow().state()).isEqualTo(RampStatus.State.WAITING);
            assertThat(router.routes().route("orders").weight()).isEqualTo(0.0);
            assertThat(types(router)).doesNotContain(RouterEventType.RAMP_STEP);

            // When consistency reaches 99.5 %
            publish(auditor, statusTopic, 99.5);

            // Then the ramp starts moving traffic and advances past its first step
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    router.control().ramp("orders").orElseThrow().state() == RampStatus.State.RUNNING);
            await().atMost(Duration.ofSeconds(10)).until(() -> router.routes().route("orders").weight() == 50.0);
            assertThat(router.control().ramp("orders").orElseThrow().state()).isEqualTo(RampStatus.State.RUNNING);

            // When consistency drops to 90 % during the ramp
            publish(auditor, statusTopic, 90.0);

            // Then the gate breach rolls the route back and the events name the cause
            await().atMost(Duration.ofSeconds(5)).until(() -> router.routes().route("orders").rolledBack());
            RampStatus rolledBack = router.control().ramp("orders").orElseThrow();
            assertThat(rolledBack.state()).isEqualTo(RampStatus.State.ROLLED_BACK);
            assertThat(rolledBack.reason()).isEqualTo("consistency 90.00% < 99.00%");
            assertThat(router.recentEvents()).filteredOn(e -> e.getType() == RouterEventType.GATE_BREACH)
                    .extracting(RouterEvent::getReason).containsExactly("consistency 90.00% < 99.00%");
            assertThat(router.recentEvents()).filteredOn(e -> e.getType() == RouterEventType.ROLLBACK)
                    .extracting(RouterEvent::getReason).containsExactly("gate breached: consistency 90.00% < 99.00%");
            assertThat(RouterFixture.backendOf(RouterFixture.get(router, "/orders/1"))).isEqualTo("monolith");

            // And an instance started later knows the latest status at once (it reads the topic's tail)
            publish(auditor, statusTopic, 100.0);
            try (StranglerRouter late = RouterFixture.start(RouterFixture.table(RouteSpec.split("invoices",
                    "/invoices", "monolith", "service", 0, null), monolith.spec(), service.spec()), Map.of(
                    RouterConfig.KAFKA_BOOTSTRAP, kafka.bootstrapServers(), RouterConfig.TOPIC_PREFIX, prefix,
                    RouterConfig.INSTANCE_ID, "late", RouterConfig.REGISTRY_URL, registry.url()))) {
                late.control().startRamp("invoices", new RampPlan(List.of(10.0, 20.0), 60_000, GATES));
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        late.control().ramp("invoices").orElseThrow().state() == RampStatus.State.RUNNING);
                assertThat(late.routes().route("invoices").weight()).isEqualTo(10.0);
            }
        }
    }

    @Test
    void shouldRefuseAConsistencyGateWithoutTheStatusFeed() throws Exception {
        try (TestBackend monolith = new TestBackend("monolith"); TestBackend service = new TestBackend("service");
                StranglerRouter router = RouterFixture.start(RouterFixture.table(RouteSpec.split("orders",
                        "/orders", "monolith", "service", 0, null), monolith.spec(), service.spec()))) {
            assertThatThrownBy(() -> router.control().startRamp("orders", new RampPlan(List.of(10.0), 1_000,
                    GATES))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gates.minConsistencyPercent")
                    .hasMessageContaining("kafka.bootstrap.servers");
            assertThat(router.routes().route("orders").weight()).isEqualTo(0.0);
        }
    }

    private void publish(KafkaProducer<String, ConsistencyStatus> auditor, String topic, double percent)
            throws Exception {
        long tracked = 10_000;
        long open = Math.round(tracked * (100 - percent) / 100);
        ConsistencyCounts overall = ConsistencyCounts.newBuilder().setMapping("*").setRowsTracked(tracked)
                .setRowsInAgreement(tracked - open).setRowsPending(0).setOpenDiscrepancies(open)
                .setConsistencyPercent(percent).setBelowThreshold(percent < 99.0).build();
        ConsistencyStatus status = ConsistencyStatus.newBuilder().setOverall(overall).setMappings(List.of(overall))
                .setThresholdPercent(99.0).setAlert(percent < 99.0).setAlertSinceMicros(null)
                .setPartitionsReporting(1).setEmittedMicros(emitted.incrementAndGet()).build();
        auditor.send(new ProducerRecord<>(topic, "overall", status)).get();
    }

    private static KafkaProducer<String, ConsistencyStatus> auditor(TestKafka kafka, EmbeddedSchemaRegistry registry) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), AvroSerdes.value(ConsistencyStatus.class,
                RestSchemaRegistryClient.create(registry.url())).serializer());
    }

    private static List<RouterEventType> types(StranglerRouter router) {
        return router.recentEvents().stream().map(RouterEvent::getType).toList();
    }

    private static String adminRamp(StranglerRouter router) throws Exception {
        HttpResponse<String> response = RouterFixture.CLIENT.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + router.adminPort() + "/routes/orders/ramp"))
                .header("Authorization", "Bearer " + RouterFixture.TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
