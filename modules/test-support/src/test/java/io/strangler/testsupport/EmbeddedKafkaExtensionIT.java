package io.strangler.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaExtensionIT {

    private static TestKafka fromBeforeAll;

    @BeforeAll
    static void remember(TestKafka kafka) {
        fromBeforeAll = kafka;
    }

    @Test
    void shouldHandOutUniqueTopicNames(TestKafka kafka) {
        assertThat(kafka.uniqueTopic("orders")).startsWith("orders-").isNotEqualTo(kafka.uniqueTopic("orders"));
        assertThat(kafka).isSameAs(fromBeforeAll);
    }

    @Test
    void shouldCreateReadyTopicsOnTheSharedBroker(TestKafka kafka) throws Exception {
        // Given
        String topic = kafka.uniqueTopic("created");

        // When
        kafka.createTopic(topic, 2, Map.of("cleanup.policy", "compact"));

        // Then
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains(topic);
            assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(2);
        }
    }
}
