package io.strangler.embedded;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.fault.ProcessTerminatingFaultHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedKafkaIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults());
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldDeliverProducedRecordsToConsumer() throws Exception {
        // Given
        String topic = "plain-" + UUID.randomUUID();
        kafka.createTopic(topic, 3, Map.of("cleanup.policy", "delete"));

        // When
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(Map.of()))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }

        // Then
        assertThat(consumeValues(topic, "read_uncommitted", 10)).containsExactlyInAnyOrder(
                "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void shouldExposeCommittedTransactionsAndHideAbortedOnesFromReadCommitted() throws Exception {
        // Given
        String topic = "tx-" + UUID.randomUUID();
        kafka.createTopic(topic, 1, Map.of());

        // When
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID())))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "c", "committed"));
            producer.commitTransaction();
        }

        // Then
        assertThat(consumeValues(topic, "read_committed", 1)).containsExactly("committed");
        assertThat(consumeValues(topic, "read_uncommitted", 2)).containsExactly("aborted", "committed");
    }

    @Test
    void aBrokersFatalFaultIsReportedInsteadOfHaltingTheJvm() {
        // Given: the fault handler a KRaft broker and controller use (it halts the process on a fatal fault)
        var handler = new ProcessTerminatingFaultHandler.Builder().build();

        // When it meets a fault, as a broker thread of the embedded broker would
        assertThatThrownBy(() -> handler.handleFault("simulated metadata log failure", new IOException("disk gone")))
                // Then the broker thread gets an exception, the JVM (this test) lives on, and the fault is reported
                .isInstanceOf(EmbeddedServerException.class).hasMessageContaining("fatal fault");
        assertThat(EmbeddedKafka.fatalFault()).hasValueSatisfying(fault -> assertThat(fault).contains("halt"));
    }

    @Test
    void shouldReportStartupTimeAndBootstrapAddress() {
        assertThat(kafka.startupMillis()).isPositive();
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    }

    @Test
    void shouldRefuseAnOccupiedPortWithAClearMessage() throws IOException {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = occupied.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPort(port)))
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("port " + port + " is already in use");
        }
    }

    @Test
    void shouldRefuseAnUnwritableDataDirNamingThePath(@TempDir Path tmp) throws IOException {
        // Given a path below a regular file: not creatable, even for root
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Path dataDir = file.resolve("kafka");

        assertThatThrownBy(() -> EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(dataDir)))
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageContaining(dataDir.toString());
    }

    @Test
    void shouldRestartOnAKeptDataDirWithItsTopicsAndRecords(@TempDir Path tmp) throws Exception {
        // Given a broker on a kept data dir, with a record written
        Path dataDir = tmp.resolve("kafka");
        String topic = "kept-" + UUID.randomUUID();
        int port;
        try (EmbeddedKafka first = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(dataDir))) {
            port = first.port();
            first.createTopic(topic, 1, Map.of());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "k", "before the restart")).get();
            }
        }

        // When it starts again on the same dir and port (a broker restart)
        try (EmbeddedKafka second = EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withDataDir(dataDir)
                .withPort(port))) {
            // Then the record is still there
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> values.add(record.value()));
                    return !values.isEmpty();
                });
            }
            assertThat(values).containsExactly("before the restart");
        }
    }

    @Test
    void shouldDeleteTheTempLogDirOnClose() {
        // Given
        EmbeddedKafka second = EmbeddedKafka.start();
        Path dir = second.dataDir();
        assertThat(dir).isDirectory();

        // When
        second.close();

        // Then
        assertThat(dir).doesNotExist();
    }

    private static Map<String, Object> producerProps(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return props;
    }

    private static List<String> consumeValues(String topic, String isolation, int expected) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
            // a short extra poll proves nothing unexpected (e.g. an aborted record) follows
            consumer.poll(Duration.ofMillis(300)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}
