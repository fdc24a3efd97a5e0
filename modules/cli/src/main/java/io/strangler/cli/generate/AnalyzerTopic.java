package io.strangler.cli.generate;

import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.topic.Topic;
import io.strangler.core.topic.TopicNames;
import io.strangler.core.topic.Topics;
import io.strangler.schemas.BoundaryRecommendation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads every {@code BoundaryRecommendation} on the analyzer's topic, up to its end, without a consumer group. */
final class AnalyzerTopic {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private AnalyzerTopic() {
    }

    static List<BoundaryRecommendation> read(String bootstrapServers, String schemaRegistry, TopicNames names) {
        Topics topics = new Topics(names, RestSchemaRegistryClient.create(schemaRegistry));
        Topic<String, BoundaryRecommendation> topic = topics.avro(names.analyzerBoundaries(), BoundaryRecommendation.class);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "strangler-generator");
        List<BoundaryRecommendation> events = new ArrayList<>();
        try (KafkaConsumer<String, BoundaryRecommendation> consumer = new KafkaConsumer<>(props,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + topic.name());
                }
                for (ConsumerRecord<String, BoundaryRecommendation> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }
}
