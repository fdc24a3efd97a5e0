package io.strangler.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.TopicNames;
import io.strangler.core.topic.Topics;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strangler dlq} run as a user runs it (its own JVM, the CLI's main class), against a real broker and registry
 * holding dead letters shaped as the components write them: the sync's (a cdc record it could not translate, its
 * Confluent-wire Avro bytes kept as read) and capture's (a JSON description, nothing published).
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class DlqCommandIT {

    private static EmbeddedSchemaRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.startInMemory();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldListFilterAndReplayEachDeadLetterOnceWithItsOriginalBytes(TestKafka kafka) throws Exception {
        // Given: two sync dead letters of cdc records (orders, customers) and one capture dead letter
        String prefix = kafka.uniqueTopic("dlq");
        TopicNames names = new TopicNames(prefix);
        Topics topics = new Topics(names, RestSchemaRegistryClient.create(registry.url()));
        var orders = topics.cdc("monolith", "public", "orders");
        kafka.createTopic(orders.name(), 2, Map.of());
        kafka.createTopic(names.syncDlq(), 1, Map.of());
        byte[] orderBytes = orders.valueSerde().serializer().serialize(orders.name(), change("orders", 7));
        byte[] customerBytes = orders.valueSerde().serializer().serialize(orders.name(), change("customers", 8));
        Instant now = Instant.now();
        var dlq = topics.avro(names.syncDlq(), DeadLetter.class);
        try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(kafka.clientProperties(),
                new StringSerializer(), dlq.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(dlq.name(), "{\"id\":7}", syncLetter(orders.name(), 1, "public.orders",
                    "{\"id\":7}", orderBytes, now.minus(3, ChronoUnit.HOURS))));
            producer.send(new ProducerRecord<>(dlq.name(), "{\"id\":8}", syncLetter(orders.name(), 0,
                    "public.customers", "{\"id\":8}", customerBytes, now)));
            producer.send(new ProducerRecord<>(dlq.name(), "{\"id\":9}", captureLetter(now)));
        }
        Path config = dir.resolve("sync.properties");
        Files.writeString(config, "bootstrap.servers=" + kafka.bootstrapServers() + "\nschema.registry.url="
                + registry.url() + "\nstrangler.topic.prefix=" + prefix + "\n");

        // When / Then: list shows all three, one line each, and a summary
        Run all = strangler("dlq", "list", "--config", config.toString());
        assertThat(all.exitCode()).as(all.output()).isZero();
        assertThat(all.output()).contains("0:0  ").contains("sync  monolith  public.orders  {\"id\":7}  -  unknown table")
                .contains("0:2  ").contains("capture  monolith  public.orders  {\"id\":9}")
                .contains("3 dead letters; by component: capture=1, sync=2;"
                        + " by table: public.customers=1, public.orders=2")
                .doesNotContain("secret");

        // And: filters, and JSON lines for scripts
        Run recentSync = strangler("dlq", "list", "--config", config.toString(), "--component", "sync", "--since",
                "1h", "--format", "json");
        assertThat(recentSync.exitCode()).as(recentSync.output()).isZero();
        List<JsonNode> lines = jsonLines(recentSync.output());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).path("offset").asLong()).isEqualTo(1);
        assertThat(lines.get(0).path("table").asText()).isEqualTo("public.customers");
        Run ordersOnly = strangler("dlq", "list", "--config", config.toString(), "--table", "orders", "--limit", "1");
        assertThat(ordersOnly.output()).contains("1 dead letter; by component: sync=1; by table: public.orders=1");

        // When: a dry run
        Run dryRun = strangler("dlq", "replay", "--config", config.toString(), "--dry-run");
        // Then: it says what it would do and sends nothing
        assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
        assertThat(dryRun.output()).contains("would send  0:0").contains("skipped  0:2  capture")
                .contains("dry run: would replay 2, skipped 1 (capture=1)");
        assertThat(read(kafka, orders.name())).isEmpty();

        // When: replayed
        Run replay = strangler("dlq", "replay", "--config", config.toString());
        // Then: the exact bytes are back on the cdc topic, in their original partitions, with their keys
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("replayed 2, skipped 1 (capture=1)");
        List<ConsumerRecord<byte[], byte[]>> replayed = read(kafka, orders.name());
        assertThat(replayed).hasSize(2);
        ConsumerRecord<byte[], byte[]> order = replayed.stream().filter(r -> r.partition() == 1).findFirst()
                .orElseThrow();
        assertThat(order.value()).isEqualTo(orderBytes);
        assertThat(new String(order.key(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":7}");
        ConsumerRecord<byte[], byte[]> customer = replayed.stream().filter(r -> r.partition() == 0).findFirst()
                .orElseThrow();
        assertThat(customer.value()).isEqualTo(customerBytes);

        // When: replayed again
        Run second = strangler("dlq", "replay", "--config", config.toString());
        // Then: nothing more is sent
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("replayed 0, skipped 3").contains("already replayed");
        assertThat(read(kafka, orders.name())).hasSize(2);

        // And: --again with --offset sends just that one once more
        Run again = strangler("dlq", "replay", "--config", config.toString(), "--again", "--offset", "0:1");
        assertThat(again.output()).contains("replayed 1, skipped 0");
        assertThat(read(kafka, orders.name())).hasSize(3);
    }

    @Test
    void shouldFailWithOneLineNamingTheClusterWhenItCannotBeReached() throws Exception {
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }

        Run run = strangler("dlq", "list", "--bootstrap-servers", "127.0.0.1:" + unused, "--schema-registry",
                registry.url(), "--timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("127.0.0.1:" + unused);
    }

    @Test
    void shouldFailNamingTheRegistryWhenItCannotBeReached(TestKafka kafka) throws Exception {
        // Given: one dead letter, written while the registry was up
        String prefix = kafka.uniqueTopic("dlq-noreg");
        TopicNames names = new TopicNames(prefix);
        kafka.createTopic(names.syncDlq(), 1, Map.of());
        var dlq = new Topics(names, RestSchemaRegistryClient.create(registry.url())).avro(names.syncDlq(),
                DeadLetter.class);
        try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(kafka.clientProperties(),
                new StringSerializer(), dlq.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(dlq.name(), "{\"id\":9}", captureLetter(Instant.now())));
        }
        int unused;
        try (ServerSocket socket = new ServerSocket(0)) {
            unused = socket.getLocalPort();
        }

        // When: read with a registry that is not there
        Run run = strangler("dlq", "list", "--bootstrap-servers", kafka.bootstrapServers(), "--prefix", prefix,
                "--schema-registry", "http://127.0.0.1:" + unused, "--timeout", "2s");

        // Then: a failure naming it, not "0 dead letters"
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("127.0.0.1:" + unused).doesNotContain("0 dead letters");
    }

    @Test
    void shouldExitTwoWhenNoRegistryIsConfigured() throws Exception {
        Run run = strangler("dlq", "replay", "--bootstrap-servers", "127.0.0.1:9");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("schema.registry.url");
    }

    private record Run(int exitCode, String output) {}

    /** The CLI in its own JVM, as the launcher script runs it. */
    private Run strangler(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "io.strangler.cli.StranglerCommand"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "strangler", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("strangler " + String.join(" ", args) + " did not end: " + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(TestKafka kafka, String topic) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<JsonNode> jsonLines(String output) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith("{")) {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }

    private static RowChange change(String table, long id) {
        return RowChange.newBuilder().setSource("monolith").setSchema$("public").setTable(table)
                .setOp(Operation.CREATE).setKey(Map.<String, Object>of("id", id)).setBefore(null).setAfter(null)
                .setUnavailableColumns(List.of()).setSourceCommitMicros(1).setSourcePosition("0/1")
                .setTransactionId("tx-" + id).setCaptureMicros(2).build();
    }

    /** As the sync's TranslateProcessor writes one: the cdc record's key and value bytes as read. */
    private static DeadLetter syncLetter(String topic, int partition, String table, String key, byte[] payload,
            Instant failed) {
        return DeadLetter.newBuilder().setComponent("sync").setSource("monolith").setTopic(topic)
                .setPartition(partition).setOffset(0L).setPosition("0/1").setTable(table).setKey(key)
                .setPayload(ByteBuffer.wrap(payload)).setPayloadFormat("confluent-avro")
                .setErrorClass("io.strangler.sync.UnprocessableChangeException")
                .setErrorMessage("unknown table: a change of monolith:" + table + " on topic '" + topic + "'")
                .setSqlState(null).setFailedMicros(ChronoUnit.MICROS.between(Instant.EPOCH, failed)).build();
    }

    /** As capture's DeadLetterFactory writes one: no topic, the Debezium record rendered as JSON. */
    private static DeadLetter captureLetter(Instant failed) {
        return DeadLetter.newBuilder().setComponent("capture").setSource("monolith").setTopic(null)
                .setPartition(null).setOffset(null).setPosition("0/2").setTable("public.orders").setKey("{\"id\":9}")
                .setPayload(ByteBuffer.wrap("{\"id\":9,\"total\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .setPayloadFormat("json").setErrorClass("io.strangler.capture.internal.ConversionException")
                .setErrorMessage("column total: 'x' is not a decimal").setSqlState(null)
                .setFailedMicros(ChronoUnit.MICROS.between(Instant.EPOCH, failed)).build();
    }
}
