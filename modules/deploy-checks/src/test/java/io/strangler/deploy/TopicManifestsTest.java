package io.strangler.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Strimzi KafkaTopic resources under deploy/ are exactly the topics the deployed processors use, as the code names
 * them from the deployed settings, with the partition counts the code creates them with, compacted where the code
 * creates them compacted.
 */
class TopicManifestsTest {

    private static Map<String, Optional<Integer>> code;
    private static Set<String> compacted;
    private static List<KafkaTopic> declared;

    @BeforeAll
    static void readBoth() throws Exception {
        CodeTopics topics = new CodeTopics();
        for (ProcessorInvocation invocation : Deployments.kubernetes()) {
            topics.add(DeployedConfiguration.load(invocation));
        }
        code = topics.partitions();
        compacted = topics.compacted();
        declared = new ArrayList<>();
        for (var manifest : Repository.manifestDocuments()) {
            if (manifest.path("kind").asText().equals("KafkaTopic")) {
                declared.add((KafkaTopic) StrictManifests.parse(manifest));
            }
        }
    }

    @Test
    void shouldDeclareOnlyTopicsTheCodeUses() {
        Set<String> unknown = new TreeSet<>();
        declared.forEach(topic -> {
            if (!code.containsKey(topic.getSpec().getTopicName())) {
                unknown.add(topic.getSpec().getTopicName());
            }
        });

        assertThat(unknown).as("KafkaTopics no deployed processor uses (the code's names: %s)", code.keySet()).isEmpty();
    }

    @Test
    void shouldDeclareEveryTopicTheDeployedProcessorsUse() {
        Set<String> names = new TreeSet<>();
        declared.forEach(topic -> names.add(topic.getSpec().getTopicName()));

        assertThat(names).as("topics declared as KafkaTopic under deploy/").containsAll(code.keySet());
    }

    @Test
    void shouldDeclareThePartitionCountsTheCodeCreatesTopicsWith() {
        for (KafkaTopic topic : declared) {
            Optional<Integer> expected = code.getOrDefault(topic.getSpec().getTopicName(), Optional.empty());
            expected.ifPresent(count -> assertThat(topic.getSpec().getPartitions())
                    .as("partitions of %s (KafkaTopic %s)", topic.getSpec().getTopicName(),
                            topic.getMetadata().getName()).isEqualTo(count));
        }
    }

    @Test
    void shouldDeclareCompactedTheTopicsTheCodeCreatesCompacted() {
        Set<String> notCompacted = new TreeSet<>();
        declared.forEach(topic -> {
            Map<String, Object> config = topic.getSpec().getConfig();
            if (compacted.contains(topic.getSpec().getTopicName())
                    && (config == null || !"compact".equals(config.get("cleanup.policy")))) {
                notCompacted.add(topic.getSpec().getTopicName());
            }
        });

        assertThat(compacted).as("compacted topics the code names").isNotEmpty();
        assertThat(notCompacted).as("KafkaTopics without cleanup.policy compact whose code creates them compacted")
                .isEmpty();
    }

    @Test
    void shouldNameEachKafkaTopicResourceOnce() {
        assertThat(declared).extracting(topic -> topic.getSpec().getTopicName()).doesNotHaveDuplicates();
        assertThat(declared).extracting(topic -> topic.getMetadata().getName()).doesNotHaveDuplicates();
    }
}
