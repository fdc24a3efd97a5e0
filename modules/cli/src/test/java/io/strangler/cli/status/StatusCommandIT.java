package io.strangler.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strangler.cli.StranglerCommand;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.TopicNames;
import io.strangler.core.topic.Topics;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.ConflictKind;
import io.strangler.schemas.ConflictWinner;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowVersion;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code strangler status} against a real broker whose topics and consumer groups were set up with known contents:
 * the lag per group and side, its age, the conflict windows and the dead letters must come out exactly.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class StatusCommandIT {

    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.startInMemory();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldReportLagPerGroupAndSideAndRecentConflictsAndDeadLetters(TestKafka kafka) throws Exception {
        // Given: a migration's topics with known contents and two groups' committed offsets
        String prefix = kafka.uniqueTopic("status");
        TopicNames names = new TopicNames(prefix);
        String orders = names.cdc("monolith", "public", "orders");
        kafka.createTopic(orders, 2, Map.of());
        kafka.createTopic(names.apply("service"), 1, Map.of());
        kafka.createTopic(names.syncConflicts(), 1, Map.of());
        kafka.createTopic(names.syncDlq(), 1, Map.of());
        Instant now = Instant.now();
        long thirtySecondsAgo = now.minusSeconds(30).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(orders, i < 6 ? 0 : 1, thirtySecondsAgo, null, new byte[] {1}));
            }
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(names.apply("service"), 0, null, new byte[] {1}));
            }
        }
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.alterConsumerGroupOffsets("test-sync", Map.of(new TopicPartition(orders, 0), new OffsetAndMetadata(6),
                    new TopicPartition(orders, 1), new OffsetAndMetadata(1))).all().get(30, TimeUnit.SECONDS);
            admin.alterConsumerGroupOffsets("test-apply-service", Map.of(
                    new TopicPartition(names.apply("service"), 0), new OffsetAndMetadata(4)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Topics topics = new Topics(names, RestSchemaRegistryClient.create(registry.url()));
        var conflicts = topics.syncConflicts();
        var deadLetters = topics.avro(names.syncDlq(), DeadLetter.class);
        try (KafkaProducer<String, Conflict> producer = new KafkaProducer<>(kafka.clientProperties(),
                new StringSerializer(), conflicts.valueSerde().serializer());
             KafkaProducer<String, DeadLetter> dlq = new KafkaProducer<>(kafka.clientProperties(),
                     new StringSerializer(), deadLetters.valueSerde().serializer())) {
            for (int i = 0; i < 3; i++) {
                send(producer, conflicts.name(), "orders", ConflictKind.UPDATE_UPDATE, now.minusSeconds(5));
            }
            send(producer, conflicts.name(), "orders", ConflictKind.UPDATE_DELETE, now.minusSeconds(600));
            send(producer, conflicts.name(), "customers", ConflictKind.UPDATE_UPDATE, now.minusSeconds(600));
            send(producer, conflicts.name(), "orders", ConflictKind.UPDATE_UPDATE, now.minusSeconds(7200));
            for (int i = 0; i < 2; i++) {
                dlq.send(new ProducerRecord<>(deadLetters.name(), null, now.toEpochMilli(), "{\"id\":" + i + "}",
                        deadLetter(now.plusMillis(i))));
            }
        }

        // When
        Run run = status("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry", registry.url(),
                "--prefix", prefix, "--json");

        // Then: the sync group lags 3 records on the monolith side, at least 30 s old; the apply group is caught up
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        JsonNode sync = group(report, "test-sync");
        assertThat(sync.path("role").asText()).isEqualTo("sync");
        JsonNode monolithSide = sync.path("sides").get(0);
        assertThat(monolithSide.path("side").asText()).isEqualTo("monolith");
        assertThat(monolithSide.path("topicKind").asText()).isEqualTo("cdc");
        assertThat(monolithSide.path("lagRecords").asLong()).isEqualTo(3);
        assertThat(monolithSide.path("lagSeconds").asDouble()).isBetween(29.0, 120.0);
        JsonNode apply = group(report, "test-apply-service");
        assertThat(apply.path("role").asText()).isEqualTo("apply");
        assertThat(apply.path("sides").get(0).path("side").asText()).isEqualTo("service");
        assertThat(apply.path("sides").get(0).path("lagRecords").asLong()).isZero();
        assertThat(apply.path("sides").get(0).path("lagSeconds").asDouble()).isZero();

        // And: conflicts by window, mapping and kind/strategy; the two-hour-old one only in the total
        JsonNode recent = report.path("conflicts");
        assertThat(recent.path("total").asLong()).isEqualTo(6);
        assertThat(recent.path("lastMinute").path("orders").path("UPDATE_UPDATE/last-write-wins").asLong())
                .isEqualTo(3);
        assertThat(recent.path("lastMinute").has("customers")).isFalse();
        assertThat(recent.path("lastHour").path("orders").path("UPDATE_UPDATE/last-write-wins").asLong()).isEqualTo(3);
        assertThat(recent.path("lastHour").path("orders").path("UPDATE_DELETE/last-write-wins").asLong()).isEqualTo(1);
        assertThat(recent.path("lastHour").path("customers").path("UPDATE_UPDATE/last-write-wins").asLong())
                .isEqualTo(1);

        // And: dead letters, with the latest cause
        JsonNode dead = report.path("deadLetters");
        assertThat(dead.path("total").asLong()).isEqualTo(2);
        assertThat(dead.path("lastHour").asLong()).isEqualTo(2);
        assertThat(dead.path("lastHourBySource").path("apply/service").asLong()).isEqualTo(2);
        assertThat(dead.path("latestError").asText()).contains("violates foreign key");
        assertThat(report.path("consistency").path("reported").asBoolean()).isFalse();

        // And: the text form says the same for a person
        Run text = status("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry", registry.url(),
                "--prefix", prefix);
        assertThat(text.out()).containsPattern("sync +test-sync")
                .containsPattern("changes of monolith +3 records +\\d+\\.\\d s")
                .contains("orders (UPDATE_UPDATE/last-write-wins 3)")
                .contains("Dead letters: 2 retained, 2 in the last hour")
                .contains("Consistency: no auditor status yet");
    }

    @Test
    void shouldShowLagsOnlyAndSayWhyWithoutARegistry(TestKafka kafka) {
        String prefix = kafka.uniqueTopic("status-noreg");
        kafka.createTopic(new TopicNames(prefix).syncConflicts(), 1, Map.of());

        Run run = status("--bootstrap-servers", kafka.bootstrapServers(), "--prefix", prefix);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("no consumer group reads Strangler's topics yet")
                .contains("warning: no schema registry given");
    }

    @Test
    void shouldFailWithOneLineNamingTheClusterWhenItCannotBeReached() throws Exception {
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }

        Run run = status("--bootstrap-servers", "127.0.0.1:" + unused, "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("127.0.0.1:" + unused).contains("did not answer within 2 s")
                .doesNotContain("at org.apache");
    }

    @Test
    void shouldNameTheMissingKeyWhenNoClusterIsGiven() {
        Run run = status("--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bootstrap.servers").contains("--bootstrap-servers");
    }

    private static JsonNode group(JsonNode report, String id) {
        for (JsonNode group : report.path("groups")) {
            if (group.path("group").asText().equals(id)) {
                return group;
            }
        }
        throw new AssertionError("no group " + id + " in " + report.toPrettyString());
    }

    private static void send(KafkaProducer<String, Conflict> producer, String topic, String mapping, ConflictKind kind,
            Instant at) {
        long micros = at.toEpochMilli() * 1000;
        RowVersion version = RowVersion.newBuilder().setOp(Operation.UPDATE).setRow(new HashMap<>())
                .setCommitMicros(micros).build();
        Conflict conflict = Conflict.newBuilder().setMapping(mapping).setKey(Map.of("id", 1L)).setKind(kind)
                .setStrategy("last-write-wins").setMonolith(version).setService(version)
                .setWinner(ConflictWinner.SERVICE).setReason("later commit").setDetectedMicros(micros).build();
        producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), "{\"id\":1}", conflict));
    }

    private static DeadLetter deadLetter(Instant at) {
        return DeadLetter.newBuilder().setComponent("apply").setSource("service").setErrorClass("PSQLException")
                .setErrorMessage("insert on orders violates foreign key orders_customer_fk")
                .setFailedMicros(at.toEpochMilli() * 1000).build();
    }

    private static Run status(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = StranglerCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "status";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = commandLine.execute(full);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {}
}
