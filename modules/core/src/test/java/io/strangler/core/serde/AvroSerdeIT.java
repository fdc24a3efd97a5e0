package io.strangler.core.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.registry.EmbeddedSchemaRegistry;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.Topics;
import io.strangler.schemas.RowChange;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedKafkaExtension.class)
class AvroSerdeIT {

    @Test
    void shouldConsumeRowChangeProducedInConfluentWireFormatThroughBroker(TestKafka kafka) throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.clientProperties(),
                kafka.uniqueTopic("_schemas-serde"), 0)) {
            // Given a CDC topic of the catalogue, under a unique prefix, and a RowChange
            Topics topics = new Topics(new io.strangler.core.topic.TopicNames(kafka.uniqueTopic("serde")),
                    RestSchemaRegistryClient.create(registry.url()));
            Topic<String, RowChange> topic = topics.cdc("monolith", "public", "customers");
            kafka.createTopic(topic.name(), 1, Map.of());
            RowChange change = SampleRecords.rowChange(42);

            // When it is produced with the topic's serdes
            try (KafkaProducer<String, RowChange> producer = new KafkaProducer<>(kafka.clientProperties(),
                    topic.keySerde().serializer(), topic.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topic.name(), "{\"id\":42}", change)).get();
            }

            // Then a consumer reads raw Confluent-framed bytes that deserialize (fresh client, no cache) to an equal record
            Map<String, Object> props = new HashMap<>(kafka.clientProperties());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.uniqueTopic("group"));
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic.name()));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    return !received.isEmpty();
                });
            }
            byte[] bytes = received.get(0).value();
            AvroDeserializer<RowChange> deserializer =
                    new AvroDeserializer<>(RestSchemaRegistryClient.create(registry.url()), RowChange.class, false);
            assertThat(received.get(0).key()).isEqualTo("{\"id\":42}");
            assertThat(bytes[0]).isZero();
            assertThat(ConfluentWireFormat.schemaId(topic.name(), bytes))
                    .isEqualTo(RestSchemaRegistryClient.create(registry.url()).latest(topic.name() + "-value").id());
            assertThat(deserializer.deserialize(topic.name(), bytes)).isEqualTo(change);
        }
    }

    @Test
    void shouldWorkWhenConfiguredByClassNameLikeConfluentSerdes(TestKafka kafka) throws Exception {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory()) {
            String topicName = kafka.uniqueTopic("serde-by-name");
            kafka.createTopic(topicName, 1, Map.of());
            Map<String, Object> producerProps = new HashMap<>(kafka.clientProperties());
            producerProps.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
            producerProps.put("key.serializer", StringSerializer.class.getName());
            producerProps.put("value.serializer", AvroSerializer.class.getName());
            try (KafkaProducer<String, RowChange> producer = new KafkaProducer<>(producerProps)) {
                producer.send(new ProducerRecord<>(topicName, "{\"id\":1}", SampleRecords.rowChange(1))).get();
            }

            Map<String, Object> consumerProps = new HashMap<>(kafka.clientProperties());
            consumerProps.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
            consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.uniqueTopic("group"));
            consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumerProps.put("key.deserializer", StringDeserializer.class.getName());
            consumerProps.put("value.deserializer", AvroDeserializer.class.getName());
            List<Object> values = new ArrayList<>();
            try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerProps)) {
                consumer.subscribe(List.of(topicName));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                    return !values.isEmpty();
                });
            }
            assertThat(values).containsExactly(SampleRecords.rowChange(1));
        }
    }
}
