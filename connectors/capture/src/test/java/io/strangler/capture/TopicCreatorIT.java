package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.topic.TopicCreator;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Once {@link TopicCreator#ensure} returns, every partition's leader accepts a write at the first attempt. Right
 * after CreateTopics a KRaft broker may still refuse it (NOT_LEADER_OR_FOLLOWER), which let a later pipelined batch
 * of the idempotent producer overtake the first one and wedged the producer on OutOfOrderSequenceException.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class TopicCreatorIT {

    private static final int TOPICS = 25;
    private static final int PARTITIONS = 3;

    @Test
    void shouldReturnOnlyWhenEveryPartitionAcceptsAWriteWithoutRetry(TestKafka kafka) throws Exception {
        // Given a producer that does not retry, so a partition not yet hosted by its leader fails the send
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.RETRIES_CONFIG, 0);
        try (TopicCreator creator = new TopicCreator(kafka.clientProperties(), PARTITIONS, (short) -1);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            for (int i = 0; i < TOPICS; i++) {
                // When a topic is ensured
                String topic = kafka.uniqueTopic("creator");
                creator.ensure(topic);

                // Then a write to each of its partitions succeeds at once
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    RecordMetadata written = producer.send(new ProducerRecord<>(topic, partition, null,
                            "first".getBytes(StandardCharsets.UTF_8))).get();
                    assertThat(written.offset()).as("offset of the first record in %s-%d", topic, partition)
                            .isZero();
                }
            }
        }
    }
}
