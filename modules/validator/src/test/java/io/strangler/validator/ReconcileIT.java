package io.strangler.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.apply.ApplySink;
import io.strangler.apply.ApplySinkConfig;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.Side;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.Topics;
import io.strangler.core.topic.TopicNames;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ValidationReport;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedMariaDbExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.MariaDb;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedMariaDbExtension.class, EmbeddedKafkaExtension.class})
class ReconcileIT {

    private final TestDatabase monolith;
    private final TestDatabase service;
    private final TestKafka kafka;
    private EmbeddedSchemaRegistry registry;
    private Topics topics;

    ReconcileIT(@Postgres TestDatabase monolith, @MariaDb TestDatabase service, TestKafka kafka) {
        this.monolith = monolith;
        this.service = service;
        this.kafka = kafka;
    }

    @BeforeEach
    void setUp() throws Exception {
        CrossEngineFixture.create(monolith, service);
        registry = EmbeddedSchemaRegistry.startInMemory();
        String prefix = kafka.uniqueTopic("reconcile").replace('_', '-');
        topics = new Topics(new TopicNames(prefix), RestSchemaRegistryClient.create(registry.url()));
        kafka.createTopic(topics.names().apply("service"), 2, Map.of());
        kafka.createTopic(topics.names().apply("monolith"), 2, Map.of());
        kafka.createTopic(topics.names().syncDlq(), 1, Map.of());
        kafka.createTopic(topics.names().validatorReports(), 1, Map.of());
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private void injectDiscrepancies() throws Exception {
        CrossEngineFixture.execute(monolith,
                "DELETE FROM orders WHERE id = 10",
                "INSERT INTO orders VALUES (9001, 'new', 1.00, now(), true, 'USD', 'fresh')",
                "UPDATE orders SET total = 99.99, notes = NULL WHERE id = 20",
                "UPDATE codes SET code = 'key-7' WHERE code = 'Key-7'",
                "UPDATE order_lines SET qty = 0 WHERE order_id = 50 AND line_no = 2");
        CrossEngineFixture.execute(service, "UPDATE tokens SET owner = 'mallory' WHERE owner = 'owner3'");
    }

    @Test
    void shouldMakeTheServiceAgreeWithTheMonolithThroughTheApplySink() throws Exception {
        // Given discrepancies of every kind
        injectDiscrepancies();
        Validator validator = CrossEngineFixture.validator(monolith, service);
        ValidationResult before = validator.validate(List.of(), ValidationOptions.defaults());
        assertThat(before.discrepancyCount()).isEqualTo(7);

        // When the repairs are sent and the service's apply sink runs
        ReconcilePlan plan = Reconciler.plan(before, validator.resolve(List.of()), ReconcileSource.MONOLITH);
        try (KafkaProducer<String, ApplyCommand> producer = producer(topics.apply("service"))) {
            assertThat(Reconciler.send(plan, producer, topics.names(), Side::label)).isEqualTo(7);
        }
        try (ApplySink sink = ApplySink.create(new ApplySinkConfig(sinkConfig("service", service)))) {
            sink.start();

            // Then a validation shows 100 %
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(validator.validate(List.of(), ValidationOptions.defaults()).consistencyPercent()).isEqualTo(100.0));
        }
        assertThat(plan.repairs()).extracting(Repair::describe).contains(
                "DELETE service " + service.database() + ".purchase {\"id\":10} (missing-on-monolith, from monolith)",
                "UPSERT service " + service.database() + ".purchase {\"id\":9001} (missing-on-service, from monolith)");
    }

    @Test
    void shouldReconcileThroughTheStrategyOrFromTheServiceAndPlanWithoutWritingOnADryRun() throws Exception {
        // Given discrepancies; "orders" has a priority(monolith) strategy, the others the default last-write-wins
        // whose batch fallback is its priority side, the monolith
        injectDiscrepancies();
        Validator validator = CrossEngineFixture.validator(monolith, service);
        ValidationResult before = validator.validate(List.of("orders"), ValidationOptions.defaults());

        // When
        ReconcilePlan byStrategy = Reconciler.plan(before, validator.resolve(List.of()), ReconcileSource.STRATEGY);
        ReconcilePlan fromService = Reconciler.plan(before, validator.resolve(List.of()), ReconcileSource.SERVICE);

        // Then a dry run's plan names every write, and nothing changed
        assertThat(byStrategy.repairs()).allSatisfy(repair -> assertThat(repair.target()).isEqualTo(Side.SERVICE));
        assertThat(fromService.repairs()).extracting(Repair::describe).containsExactlyInAnyOrder(
                "UPSERT monolith public.orders {\"id\":10} (missing-on-monolith, from service)",
                "DELETE monolith public.orders {\"id\":9001} (missing-on-service, from service)",
                "UPSERT monolith public.orders {\"id\":20} (different, from service)");
        assertThat(fromService.describe()).endsWith("3 repairs: 2 upserts, 1 deletes\n");
        assertThat(validator.validate(List.of("orders"), ValidationOptions.defaults()).discrepancyCount()).isEqualTo(3);

        // And the service-authoritative repairs make the monolith agree
        try (KafkaProducer<String, ApplyCommand> producer = producer(topics.apply("monolith"))) {
            Reconciler.send(fromService, producer, topics.names(), Side::label);
        }
        try (ApplySink sink = ApplySink.create(new ApplySinkConfig(sinkConfig("monolith", monolith)))) {
            sink.start();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(validator.validate(List.of("orders"), ValidationOptions.defaults()).consistent()).isTrue());
        }
    }

    @Test
    void shouldPublishTheValidationReportEvent() throws Exception {
        // Given
        injectDiscrepancies();
        ValidationResult result = CrossEngineFixture.validator(monolith, service).validate(List.of(), ValidationOptions.defaults());
        Topic<String, ValidationReport> topic = topics.avro(topics.names().validatorReports(), ValidationReport.class);

        // When
        try (KafkaProducer<String, ValidationReport> producer = producer(topic)) {
            ValidationReportEvents.publish(result, producer, topic);
        }

        // Then
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reports-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, ValidationReport> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            List<ValidationReport> events = new java.util.ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
                return !events.isEmpty();
            });
            ValidationReport event = events.get(0);
            assertThat(event.getRunId().toString()).isEqualTo(result.runId());
            assertThat(event.getComplete()).isTrue();
            assertThat(event.getTables()).hasSize(4);
            assertThat(event.getTables().get(0).getMissingOnService()).isEqualTo(1);
            assertThat(event.getTables().get(0).getSampleKeys()).hasSize(3);
        }
    }

    @Test
    void shouldRefuseACustomStrategyInBatch() throws Exception {
        injectDiscrepancies();
        Mappings custom = Mappings.parse("custom.yaml", """
                mappings:
                  - name: orders
                    monolith: public.orders
                    service: %s.purchase
                    columns: { status: state, placed_at: placed, vip: is_vip }
                    conflict: { strategy: custom, class: com.example.Resolver }
                """.formatted(service.database()));
        Validator validator = Validator.create(
                ConnectionSource.of("monolith", monolith.jdbcUrl(), monolith.user(), monolith.password()),
                ConnectionSource.of("service", service.jdbcUrl(), service.user(), service.password()), custom);
        ValidationResult result = validator.validate(List.of(), ValidationOptions.defaults());
        assertThatThrownBy(() -> Reconciler.plan(result, validator.resolve(List.of()), ReconcileSource.STRATEGY))
                .isInstanceOf(ValidationException.class).hasMessageContaining("custom conflict strategy");
    }

    private <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private Map<String, Object> sinkConfig(String target, TestDatabase db) {
        Map<String, Object> config = new HashMap<>();
        config.put(ApplySinkConfig.TARGET, target);
        config.put(ApplySinkConfig.JDBC_URL, db.jdbcUrl());
        config.put(ApplySinkConfig.JDBC_USER, db.user());
        config.put(ApplySinkConfig.JDBC_PASSWORD, db.password());
        config.put(ApplySinkConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        config.put(ApplySinkConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(ApplySinkConfig.TOPIC_PREFIX, topics.names().prefix());
        config.put(ApplySinkConfig.GROUP_ID, topics.names().prefix() + "-apply-" + target);
        config.put(ApplySinkConfig.RETRY_BACKOFF_MS, 100L);
        return config;
    }
}
