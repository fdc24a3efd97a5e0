package io.strangler.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.cli.CliRunner;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.TopicNames;
import io.strangler.core.topic.Topics;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.schemas.BoundaryRecommendation;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.ServiceRecommendation;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionStatus;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transaction boundaries from capture's transactions topic in, the BoundaryRecommendation event out, through a real
 * broker and schema registry.
 */
@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedKafkaExtension.class})
class AnalyzeKafkaIT {

    @TempDir
    static Path dir;
    static EmbeddedSchemaRegistry registry;
    static Topics topics;

    @BeforeAll
    static void topicsWithTransactions(TestKafka kafka, @Postgres TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            SampleMonolith.createSchema(c);
        }
        registry = EmbeddedSchemaRegistry.startInMemory();
        String prefix = kafka.uniqueTopic("analyze").replace('_', '-');
        topics = new Topics(new TopicNames(prefix), RestSchemaRegistryClient.create(registry.url()));
        kafka.createTopic(topics.names().cdcTransactions("monolith"), 1, Map.of());
        kafka.createTopic(topics.names().analyzerBoundaries(), 1, Map.of());
        Topic<String, TransactionEvent> transactions = topics.avro(topics.names().cdcTransactions("monolith"),
                TransactionEvent.class);
        try (KafkaProducer<String, TransactionEvent> producer = new KafkaProducer<>(kafka.clientProperties(),
                transactions.keySerde().serializer(), transactions.valueSerde().serializer())) {
            int id = 0;
            for (int i = 0; i < 30; i++) {
                send(producer, transactions, ++id, Map.of("public.orders", 1L, "public.order_items", 2L,
                        "public.payments", 1L, "public.audit_log", 1L));
                send(producer, transactions, ++id, Map.of("public.customers", 1L, "public.customer_addresses", 1L,
                        "public.users", 1L));
                send(producer, transactions, ++id, Map.of("public.inventory", 1L, "public.shipments", 1L));
            }
            send(producer, transactions, ++id, Map.of("other.not_in_catalogue", 1L));
            producer.flush();
        }
        // the same kind of evidence from the change topics of another source, grouped by transaction id
        Topic<String, RowChange> carts = topics.cdc("shop", "public", "carts");
        Topic<String, RowChange> cartItems = topics.cdc("shop", "public", "cart_items");
        kafka.createTopic(carts.name(), 1, Map.of());
        kafka.createTopic(cartItems.name(), 1, Map.of());
        try (KafkaProducer<String, RowChange> producer = new KafkaProducer<>(kafka.clientProperties(),
                carts.keySerde().serializer(), carts.valueSerde().serializer())) {
            for (int i = 0; i < 12; i++) {
                producer.send(new ProducerRecord<>(carts.name(), "{}", change("carts", "tx-" + i)));
                producer.send(new ProducerRecord<>(cartItems.name(), "{}", change("cart_items", "tx-" + i)));
            }
            producer.flush();
        }
    }

    private static RowChange change(String table, String transactionId) {
        return RowChange.newBuilder().setSource("shop").setSchema$("public").setTable(table).setOp(Operation.CREATE)
                .setKey(Map.<String, Object>of("id", 1L)).setBefore(null).setAfter(null).setUnavailableColumns(List.of())
                .setSourceCommitMicros(1).setSourcePosition("0/1").setTransactionId(transactionId).setCaptureMicros(2)
                .build();
    }

    private static void send(KafkaProducer<String, TransactionEvent> producer, Topic<String, TransactionEvent> topic,
            int id, Map<String, Long> tables) {
        String txId = "tx-" + id;
        producer.send(new ProducerRecord<>(topic.name(), txId, TransactionEvent.newBuilder().setSource("monolith")
                .setTransactionId(txId).setStatus(TransactionStatus.BEGIN).setSourceCommitMicros(id).setCaptureMicros(id)
                .build()));
        producer.send(new ProducerRecord<>(topic.name(), txId, TransactionEvent.newBuilder().setSource("monolith")
                .setTransactionId(txId).setStatus(TransactionStatus.END)
                .setEventCount(tables.values().stream().mapToLong(Long::longValue).sum())
                .setTableEventCounts(new HashMap<>(tables)).setSourceCommitMicros(id).setCaptureMicros(id).build()));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldGroupChangesOfTheChangeTopicsByTransactionId(TestKafka kafka, @Postgres TestDatabase db) throws Exception {
        CliRunner cli = new CliRunner();
        int exit = cli.run("analyze", "--jdbc", db.jdbcUrl(), "--user", db.user(), "--password-file",
                Files.writeString(dir.resolve("pw-changes"), db.password()).toString(), "--cdc-changes", "shop",
                "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry", registry.url(),
                "--topic-prefix", topics.names().prefix(), "--out", dir.resolve("out-changes").toString());

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("12 transactions (1 patterns)");
    }

    @Test
    void shouldReadTransactionsFromCaptureAndPublishTheRecommendation(TestKafka kafka, @Postgres TestDatabase db)
            throws Exception {
        // When
        CliRunner cli = new CliRunner();
        int exit = cli.run("analyze", "--jdbc", db.jdbcUrl(), "--user", db.user(), "--password-file",
                Files.writeString(dir.resolve("pw"), db.password()).toString(), "--cdc-transactions", "monolith",
                "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry", registry.url(),
                "--topic-prefix", topics.names().prefix(), "--out", dir.resolve("out").toString());

        // Then: the transactions were evidence
        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("90 transactions (3 patterns)")
                .contains("published the recommendation to " + topics.names().analyzerBoundaries());
        // and the event carries the recommendation the files hold
        Topic<String, BoundaryRecommendation> boundaries = topics.avro(topics.names().analyzerBoundaries(),
                BoundaryRecommendation.class);
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, BoundaryRecommendation> consumer = new KafkaConsumer<>(props,
                boundaries.keySerde().deserializer(), boundaries.valueSerde().deserializer())) {
            TopicPartition partition = new TopicPartition(boundaries.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            // this run's event: the other test of this class publishes too
            String runId = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(dir.resolve("out").resolve("report.json").toFile()).path("runId").asText();
            List<ConsumerRecord<String, BoundaryRecommendation>> records = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(runId)) {
                        records.add(r);
                    }
                });
            }
            assertThat(records).singleElement().satisfies(record -> {
                BoundaryRecommendation event = record.value();
                assertThat(record.key()).isEqualTo(event.getRunId());
                List<String> ordersService = event.getRecommended().getServices().stream()
                        .filter(s -> s.getTables().contains("public.orders")).findFirst()
                        .map(ServiceRecommendation::getTables).orElseThrow();
                assertThat(ordersService).contains("public.payments", "public.audit_log", "public.order_items");
                String name = event.getRecommended().getServices().stream()
                        .filter(s -> s.getTables().contains("public.orders")).findFirst().orElseThrow().getName();
                assertThat(dir.resolve("out").resolve("boundaries").resolve(name + ".boundary.json")).exists();
            });
        }
    }
}
