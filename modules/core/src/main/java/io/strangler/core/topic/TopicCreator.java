package io.strangler.core.topic;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a topic the first time a processor needs it (capture before its first write, the sync and the apply sink
 * before they subscribe), so Strangler works where the broker does not auto-create topics and gets the configured
 * partition count where it does, and then waits until every partition is writable at its leader.
 *
 * <p>The wait matters: a KRaft broker publishes a new topic in its metadata before its replica manager hosts the
 * partition, so the first produce requests can be refused (NOT_LEADER_OR_FOLLOWER) while a later pipelined batch of
 * the same idempotent producer is already accepted. The broker then holds sequence numbers past the refused batch,
 * rejects its retry as out of order, and the producer retries it until its delivery timeout.
 */
public final class TopicCreator implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(TopicCreator.class);
    private static final long TIMEOUT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 50;

    private final Admin admin;
    private final int partitions;
    private final short replicationFactor;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * @param clientProperties  Kafka client properties; keys the admin client does not know are left out
     * @param partitions        of a created topic, unless {@link #ensure(String, int, Map)} names another count
     * @param replicationFactor of a created topic; -1 for the broker default
     */
    public TopicCreator(Map<String, ?> clientProperties, int partitions, short replicationFactor) {
        Map<String, Object> adminProperties = new java.util.HashMap<>(clientProperties);
        adminProperties.keySet().retainAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
        this.admin = Admin.create(adminProperties);
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    /** Creates {@code topic} with the default partition count unless it exists, then waits until it is writable. */
    public void ensure(String topic) throws InterruptedException {
        ensure(topic, partitions, Map.of());
    }

    /** As {@link #ensure(String)}, creating the topic with {@code topicPartitions} and topic-level {@code configs}. */
    public void ensure(String topic, int topicPartitions, Map<String, String> configs) throws InterruptedException {
        if (known.contains(topic)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        NewTopic newTopic = new NewTopic(topic, Optional.of(topicPartitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor)).configs(configs);
        try {
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            LOGGER.info("Created topic {} ({} partitions)", topic, topicPartitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + TIMEOUT_MILLIS + " ms creating topic " + topic, e);
        }
        // also for a topic that existed: another client may have created it a moment ago
        awaitWritable(topic, deadline);
        known.add(topic);
    }

    /** Returns once the leader of every partition of {@code topic} answers for it, i.e. hosts its log. */
    private void awaitWritable(String topic, long deadline) throws InterruptedException {
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS).get(topic);
                boolean leadersKnown = description.partitions().stream().allMatch(p -> p.leader() != null
                        && !p.leader().isEmpty());
                if (leadersKnown) {
                    Map<TopicPartition, OffsetSpec> latest = description.partitions().stream().collect(
                            Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
                    // ListOffsets is answered by the partition's leader replica, so success means it is online
                    admin.listOffsets(latest).all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
                last = e.getCause();
            } catch (TimeoutException e) {
                last = e;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("topic " + topic + " has no writable leader for every partition after "
                + TIMEOUT_MILLIS + " ms" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @Override
    public void close() {
        admin.close();
    }
}
