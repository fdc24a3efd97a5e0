package io.strangler.cli.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code env up}'s stack, used the way an outside client would: through the addresses it prints. */
class EmbeddedEnvironmentIT {

    @TempDir
    static Path workDir;

    private static EmbeddedEnvironment environment;

    @BeforeAll
    static void startEnvironment() {
        List<String> progress = new ArrayList<>();
        environment = EmbeddedEnvironment.start(
                new EmbeddedEnvironment.Settings(workDir, 0, 0, 0, 0, 20, 7L, false), progress::add);
        assertThat(progress).isNotEmpty();
    }

    @AfterAll
    static void stopEnvironment() {
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void shouldServeKafkaClientsOnThePrintedBootstrapServers() {
        String topic = "env-it-roundtrip";
        environment.kafka().createTopic(topic, 1, Map.of());
        Map<String, Object> producerConfig = Map.of("bootstrap.servers", environment.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello from outside")).get();
        } catch (Exception e) {
            throw new AssertionError("produce failed", e);
        }

        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "env-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        assertThat(values).containsExactly("hello from outside");
    }

    @Test
    void shouldLoadTheSampleMonolithAndLeaveTheServiceTablesEmpty() throws Exception {
        assertThat(environment.sampleCounts()).containsKey("customers");
        try (Connection monolith = environment.monolith().connect();
             Connection service = environment.service().connect()) {
            assertThat(count(monolith, "customers")).isEqualTo(environment.sampleCounts().get("customers"));
            assertThat(count(service, "customers")).isZero();
        }
    }

    @Test
    void shouldAnswerSchemaRegistryRequestsOverHttp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(environment.registryUrl() + "/subjects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[");
    }

    @Test
    void shouldWriteConnectionDetailsOnlyTheOwnerCanRead() throws Exception {
        Path file = environment.writeConnectionFile(workDir.resolve("env.properties"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        assertThat(properties.getProperty("bootstrap.servers")).isEqualTo(environment.bootstrapServers());
        assertThat(properties.getProperty("monolith.url")).isEqualTo(environment.monolith().jdbcUrl());
        assertThat(properties.getProperty("monolith.password")).isEqualTo(environment.monolith().password());
    }

    private static long count(Connection connection, String table) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
