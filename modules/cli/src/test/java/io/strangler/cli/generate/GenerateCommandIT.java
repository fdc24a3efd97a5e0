package io.strangler.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.cli.CliRunner;
import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.TopicNames;
import io.strangler.core.topic.Topics;
import io.strangler.embedded.sample.SampleMonolith;
import io.strangler.generator.openapi.SpecValidator;
import io.strangler.schemas.ApiGenerated;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import io.strangler.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code strangler generate} as a user runs it: from the analyzer's boundary file, then from a table list. */
@ExtendWith({EmbeddedPostgresExtension.class, EmbeddedKafkaExtension.class})
class GenerateCommandIT {

    private static TestDatabase db;
    private static Path passwordFile;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void createSampleMonolith(@Postgres TestDatabase database, @TempDir Path dir) throws Exception {
        db = database;
        try (Connection connection = db.connect()) {
            SampleMonolith.createSchema(connection);
        }
        passwordFile = Files.writeString(dir.resolve("password"), db.password() + "\n");
        registry = EmbeddedSchemaRegistry.startInMemory();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldGenerateFromTheAnalyzersBoundaryFileAndPublishApiGenerated(TestKafka kafka, @TempDir Path dir) throws Exception {
        Path boundary = Files.writeString(dir.resolve("orders.json"), """
                {"service": "orders", "tables": ["public.orders", "order_items", "public.payments"],
                 "reason": "written together in checkout transactions"}""");
        Path out = dir.resolve("orders-api");
        String prefix = kafka.uniqueTopic("gen");

        CliRunner cli = new CliRunner();
        int exit = cli.run("generate", "--jdbc", db.jdbcUrl(), "--user", db.user(), "--password-file", passwordFile.toString(),
                "--boundary", boundary.toString(), "--out", out.toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry", registry.url(), "--topic-prefix", prefix);

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("generated the orders API: 3 tables", "published ApiGenerated to " + prefix + ".generator.apis");
        assertThat(cli.err()).contains("warning: foreign key", "outside the boundary");
        assertThat(cli.out() + cli.err()).doesNotContain(db.password());
        assertThat(SpecValidator.messages(Files.readString(out.resolve("openapi.yaml")))).isEmpty();
        assertThat(out.resolve("src/main/java/com/example/orders/api/OrderItemsController.java")).exists();
        assertThat(out.resolve("pom.xml")).exists();

        ApiGenerated event = consumeOne(kafka, new TopicNames(prefix));
        assertThat(event.getService()).isEqualTo("orders");
        assertThat(event.getTables()).containsExactly("public.order_items", "public.orders", "public.payments");
        assertThat(event.getEndpoints()).contains("GET /orders/{id}/order-items");
        assertThat(event.getOutputLocation()).isEqualTo(out.toAbsolutePath().normalize().toString());
        assertThat(event.toString()).doesNotContain(db.password());
    }

    @Test
    void shouldGenerateAServiceOfTheAnalyzersLatestRecommendationFromItsTopic(TestKafka kafka, @TempDir Path dir) throws Exception {
        String prefix = kafka.uniqueTopic("analyzed");
        CliRunner analyze = new CliRunner();
        assertThat(analyze.run("analyze", "--jdbc", db.jdbcUrl(), "--user", db.user(), "--password-file", passwordFile.toString(),
                "--out", dir.resolve("analysis").toString(), "--bootstrap-servers", kafka.bootstrapServers(),
                "--schema-registry", registry.url(), "--topic-prefix", prefix)).as(analyze.err()).isZero();
        Path boundaryFile;
        try (var files = Files.list(dir.resolve("analysis/boundaries"))) {
            boundaryFile = files.sorted().findFirst().orElseThrow();
        }
        io.strangler.generator.boundary.Boundary expected =
                io.strangler.generator.boundary.BoundaryFiles.read(boundaryFile, null);
        Path out = dir.resolve("api");

        CliRunner generate = new CliRunner();
        int exit = generate.run("generate", "--jdbc", db.jdbcUrl(), "--user", db.user(), "--password-file",
                passwordFile.toString(), "--boundary-from-topic", expected.service(), "--out", out.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry", registry.url(), "--topic-prefix", prefix);

        assertThat(exit).as(generate.err()).isZero();
        assertThat(generate.out()).contains("generated the " + expected.service() + " API: " + expected.tables().size() + " tables");
        assertThat(SpecValidator.messages(Files.readString(out.resolve("openapi.json")))).isEmpty();

        CliRunner unknown = new CliRunner();
        assertThat(unknown.run("generate", "--jdbc", db.jdbcUrl(), "--user", db.user(), "--password-file",
                passwordFile.toString(), "--boundary-from-topic", "no-such-service", "--out", out.toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry", registry.url(), "--topic-prefix", prefix))
                .isNotZero();
        assertThat(unknown.err()).contains("recommends no service 'no-such-service'", expected.service());
    }

    @Test
    void shouldGenerateTheSameFilesFromATableListTwice(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        for (Path out : List.of(first, second)) {
            CliRunner cli = new CliRunner();
            int exit = cli.run("generate", "--jdbc", db.jdbcUrl(), "--user", db.user(), "--password-file",
                    passwordFile.toString(), "--tables", "customers,public.customer_addresses", "--service", "customers",
                    "--out", out.toString());
            assertThat(exit).as(cli.err()).isZero();
        }
        List<Path> files;
        try (var walk = Files.walk(first)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path file : files) {
            assertThat(Files.mismatch(file, second.resolve(first.relativize(file).toString()))).as(file.toString()).isEqualTo(-1L);
        }
    }

    @Test
    void shouldExplainItselfAndRejectMissingOptions() {
        CliRunner help = new CliRunner();
        assertThat(help.run("generate", "--help")).isZero();
        assertThat(help.out()).contains("--boundary", "--tables", "--password-env", "OpenAPI 3.0.3");

        CliRunner missing = new CliRunner();
        assertThat(missing.run("generate", "--jdbc", db.jdbcUrl(), "--out", "x")).isNotZero();
        assertThat(missing.err()).contains("--tables", "--boundary");
    }

    private static ApiGenerated consumeOne(TestKafka kafka, TopicNames names) {
        Topics topics = new Topics(names, RestSchemaRegistryClient.create(registry.url()));
        Topic<String, ApiGenerated> topic = topics.avro(names.generatorApis(), ApiGenerated.class);
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "generate-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ApiGenerated> events = new ArrayList<>();
        try (KafkaConsumer<String, ApiGenerated> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, ApiGenerated> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(record.key()).isEqualTo("orders");
                    events.add(record.value());
                }
                return !events.isEmpty();
            });
        }
        return events.get(0);
    }
}
