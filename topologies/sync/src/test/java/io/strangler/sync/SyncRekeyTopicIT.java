package io.strangler.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.Side;
import io.strangler.core.registry.InMemorySchemaRegistryClient;
import io.strangler.core.topic.TopicNames;
import io.strangler.testsupport.EmbeddedKafkaExtension;
import io.strangler.testsupport.TestKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sync creates its re-key topic with {@code sync.partitions} partitions and refuses to start on another count. */
@ExtendWith(EmbeddedKafkaExtension.class)
class SyncRekeyTopicIT {

    @Test
    void shouldCreateTheReKeyTopicWithTheConfiguredPartitionsAndRun(TestKafka kafka) throws Exception {
        String prefix = kafka.uniqueTopic("rekey").replace('_', '-');
        createSyncTopics(kafka, prefix);

        try (SyncApp sync = sync(kafka, prefix, 3)) {
            sync.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> sync.streamsState() == KafkaStreams.State.RUNNING);
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                var description = admin.describeTopics(List.of(prefix + "-sync-rekeyed")).allTopicNames().get()
                        .get(prefix + "-sync-rekeyed");
                assertThat(description.partitions()).hasSize(3);
            }
        }
    }

    @Test
    void shouldRefuseToStartWhenTheReKeyTopicHasAnotherPartitionCount(TestKafka kafka) throws Exception {
        String prefix = kafka.uniqueTopic("rekey").replace('_', '-');
        createSyncTopics(kafka, prefix);
        kafka.createTopic(prefix + "-sync-rekeyed", 2, Map.of());

        try (SyncApp sync = sync(kafka, prefix, 3)) {
            assertThatThrownBy(sync::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("re-key topic '" + prefix + "-sync-rekeyed' has 2 partitions but"
                            + " sync.partitions is 3")
                    .hasMessageContaining("set sync.partitions=2, or reset the sync");
            assertThat(sync.state()).isEqualTo(SyncApp.State.STOPPED);
        }
    }

    private static SyncApp sync(TestKafka kafka, String prefix, int partitions) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("schema.registry.url", "http://unused:8081");
        config.put("strangler.topic.prefix", prefix);
        config.put("application.id", prefix + "-sync");
        config.put("sync.instance.id", prefix + "-sync-1");
        config.put("sync.partitions", Integer.toString(partitions));
        config.put("sync.replication.factor", "1");
        config.put("sync.state.dir", Files.createTempDirectory("sync-rekey-it").toString());
        config.put("monolith.database.url", "jdbc:postgresql://unused/unused");
        config.put("service.database.url", "jdbc:postgresql://unused/unused");
        config.put("monolith.database.user", "unused");
        config.put("service.database.user", "unused");
        return new SyncApp(new SyncConfig(config), List.of(SyncFixture.customers(
                new ConflictStrategy.Priority(Side.MONOLITH), Direction.BOTH)), new InMemorySchemaRegistryClient());
    }

    private static void createSyncTopics(TestKafka kafka, String prefix) {
        TopicNames names = new TopicNames(prefix);
        kafka.createTopic(names.cdc("monolith", "public", "customer"), 3, Map.of());
        kafka.createTopic(names.cdc("service", "crm", "client"), 3, Map.of());
        for (String topic : List.of(names.apply("monolith"), names.apply("service"), names.syncConflicts(),
                names.syncDlq())) {
            kafka.createTopic(topic, 1, Map.of());
        }
    }
}
