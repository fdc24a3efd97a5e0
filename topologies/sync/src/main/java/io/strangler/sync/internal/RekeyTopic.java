package io.strangler.sync.internal;

import io.strangler.sync.SyncSettings;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the sync's re-key topic before Kafka Streams starts (it is a source of the sync's own sub-topology, so
 * Kafka Streams does not manage it) and checks the partition counts the sync's placement of rows relies on.
 */
public final class RekeyTopic {

    private static final Logger LOGGER = LoggerFactory.getLogger(RekeyTopic.class);
    private static final long TIMEOUT_SECONDS = 60;

    private RekeyTopic() {
    }

    /**
     * Creates {@code rekey.topic()} with {@code rekey.partitions()} partitions unless it exists, and warns about every
     * existing cdc topic with another partition count (its changes all take the re-key hop).
     *
     * @param clientProperties  Kafka client properties (the Kafka Streams ones will do; only admin keys are used)
     * @param replicationFactor of a created topic; -1 for the broker default
     * @throws IllegalStateException naming the topic and {@code sync.partitions} when the topic exists with another
     *                               partition count, or the broker cannot be reached
     */
    public static void prepare(Properties clientProperties, SyncSettings.Rekey rekey, int replicationFactor,
            Collection<String> cdcTopics) {
        Properties adminProperties = new Properties();
        clientProperties.stringPropertyNames().stream().filter(AdminClientConfig.configNames()::contains)
                .forEach(key -> adminProperties.put(key, clientProperties.get(key)));
        try (Admin admin = Admin.create(adminProperties)) {
            create(admin, rekey, replicationFactor);
            int actual = awaitPartitionCount(admin, rekey.topic());
            if (actual != rekey.partitions()) {
                throw new IllegalStateException("re-key topic '" + rekey.topic() + "' has " + actual
                        + " partitions but sync.partitions is " + rekey.partitions() + ": the sync places every row's"
                        + " state by that count, so it cannot change while the sync keeps its state; set"
                        + " sync.partitions=" + actual + ", or reset the sync (its state and topics) to use "
                        + rekey.partitions());
            }
            partitions(admin, cdcTopics).forEach((topic, count) -> {
                if (count != rekey.partitions()) {
                    LOGGER.warn("cdc topic '{}' has {} partitions and sync.partitions is {}: each of its changes takes"
                            + " an extra hop through '{}'; give both the same count", topic, count,
                            rekey.partitions(), rekey.topic());
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot prepare re-key topic '" + rekey.topic() + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing re-key topic '" + rekey.topic() + "'", e);
        }
    }

    private static void create(Admin admin, SyncSettings.Rekey rekey, int replicationFactor)
            throws ExecutionException, InterruptedException, TimeoutException {
        NewTopic topic = new NewTopic(rekey.topic(), Optional.of(rekey.partitions()),
                replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor))
                .configs(Map.of("cleanup.policy", "delete"));
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOGGER.info("Created re-key topic '{}' with {} partition(s)", rekey.topic(), rekey.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** The topic's partition count, once its metadata is out (a KRaft broker answers "unknown" just after a create). */
    private static int awaitPartitionCount(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            Integer count = partitions(admin, List.of(topic)).get(topic);
            if (count != null) {
                return count;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topic '" + topic + "' was created but is still unknown to the broker after "
                        + TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Partition counts of those {@code topics} that exist. */
    private static Map<String, Integer> partitions(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Integer> counts = new TreeMap<>();
        var futures = admin.describeTopics(topics).topicNameValues();
        for (var entry : futures.entrySet()) {
            try {
                TopicDescription description = entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                counts.put(entry.getKey(), description.partitions().size());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return counts;
    }
}
