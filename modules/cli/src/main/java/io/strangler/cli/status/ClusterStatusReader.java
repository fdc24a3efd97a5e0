package io.strangler.cli.status;

import io.strangler.cli.status.StatusReport.GroupLag;
import io.strangler.cli.status.StatusReport.SideLag;
import io.strangler.cli.status.StatusReport.TopicLag;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.topic.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a migration's state from Kafka alone (Admin API and a group-less consumer), so it works from any machine that
 * reaches the cluster, while the processors run elsewhere. Lag is computed as {@code kafka-consumer-groups.sh
 * --describe} does: the partition's end offset (last stable offset, read committed) minus the group's committed offset.
 */
final class ClusterStatusReader implements AutoCloseable {

    private final StatusSettings settings;
    private final TopicNames names;
    private final Clock clock;
    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RecentRecords recent;
    private final SchemaRegistryClient registry;

    ClusterStatusReader(StatusSettings settings, Clock clock) {
        this.settings = settings;
        this.names = new TopicNames(settings.topicPrefix());
        this.clock = clock;
        Map<String, Object> admin = new HashMap<>(settings.clientProperties());
        admin.put("bootstrap.servers", settings.bootstrapServers());
        admin.put("client.id", "strangler-status-admin");
        admin.put("request.timeout.ms", (int) settings.timeout().toMillis());
        admin.put("default.api.timeout.ms", (int) settings.timeout().toMillis());
        this.admin = Admin.create(admin);
        Map<String, Object> consumer = new HashMap<>(settings.clientProperties());
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "strangler-status-reader");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // processors write with exactly-once: aborted records are not part of the migration's state
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        consumer.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        this.consumer = new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.recent = new RecentRecords(this.consumer, settings.timeout());
        this.registry = settings.schemaRegistryUrl().map(RestSchemaRegistryClient::create).orElse(null);
    }

    /** One snapshot; the event summaries only when a schema registry was given (lags need none). */
    StatusReport read() {
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        Map<String, List<TopicPartition>> topics = strangledTopics();
        if (topics.isEmpty()) {
            warnings.add("no topics under the prefix '" + names.prefix() + "' on " + settings.bootstrapServers()
                    + ": nothing has run yet, or strangler.topic.prefix differs");
        }
        List<GroupLag> groups = groupLags(topics);
        if (registry == null) {
            warnings.add("no schema registry given (--schema-registry or schema.registry.url): conflicts, dead"
                    + " letters, consistency and routes are not shown");
            return new StatusReport(now, settings.bootstrapServers(), names.prefix(), groups,
                    new StatusReport.RecentConflicts(Map.of(), Map.of(), 0, false),
                    new StatusReport.DeadLetters(0, 0, Map.of(), null, null), StatusReport.Consistency.notReported(),
                    List.of(), warnings);
        }
        EventSummaries events = new EventSummaries(recent, names, registry, warnings);
        return new StatusReport(now, settings.bootstrapServers(), names.prefix(), groups,
                events.conflicts(topics, now), events.deadLetters(topics, now), events.consistency(topics),
                events.routes(topics), warnings);
    }

    /** The topics under the prefix, with their partitions. */
    private Map<String, List<TopicPartition>> strangledTopics() {
        Set<String> topics = await(admin.listTopics().names()).stream()
                .filter(topic -> topic.startsWith(names.prefix() + ".")).collect(Collectors.toSet());
        Map<String, List<TopicPartition>> partitions = new TreeMap<>();
        await(admin.describeTopics(topics).allTopicNames()).forEach((topic, description) -> partitions.put(topic,
                description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList()));
        return partitions;
    }

    /** Every consumer group that has committed offsets on one of {@code topics}, with its lag per side. */
    private List<GroupLag> groupLags(Map<String, List<TopicPartition>> topics) {
        Collection<GroupListing> listings = await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all());
        List<String> groupIds = listings.stream().map(GroupListing::groupId).sorted().toList();
        if (groupIds.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> descriptions = await(admin.describeConsumerGroups(groupIds).all());
        Map<TopicPartition, Long> ends = consumer.endOffsets(
                topics.values().stream().flatMap(List::stream).toList(), settings.timeout());
        List<GroupLag> lags = new ArrayList<>();
        for (String group : groupIds) {
            Map<TopicPartition, OffsetAndMetadata> committed = await(
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
            Map<String, List<TopicPartition>> read = committed.keySet().stream()
                    .filter(partition -> topics.containsKey(partition.topic()))
                    .map(TopicPartition::topic).distinct()
                    .collect(Collectors.toMap(topic -> topic, topics::get, (a, b) -> a, TreeMap::new));
            if (read.isEmpty()) {
                continue;
            }
            ConsumerGroupDescription description = descriptions.get(group);
            lags.add(new GroupLag(group, role(group, read.keySet()),
                    description == null ? "UNKNOWN" : description.groupState().toString(),
                    description == null ? 0 : description.members().size(),
                    sideLags(read, committed, ends)));
        }
        return lags;
    }

    private List<SideLag> sideLags(Map<String, List<TopicPartition>> read,
            Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> ends) {
        Map<TopicRole, List<TopicLag>> bySide = new TreeMap<>(
                Comparator.comparing(TopicRole::kind).thenComparing(TopicRole::side));
        Instant now = clock.instant();
        for (var entry : read.entrySet()) {
            TopicRole role = TopicRole.of(names.prefix(), entry.getKey()).orElseThrow();
            long end = 0;
            long position = 0;
            long lag = 0;
            Map<TopicPartition, Long> behind = new HashMap<>();
            for (TopicPartition partition : entry.getValue()) {
                long partitionEnd = ends.getOrDefault(partition, 0L);
                OffsetAndMetadata offset = committed.get(partition);
                // no commit yet on a partition: the group will read it from its start, all of it is lag
                long partitionPosition = offset == null ? recent.beginning(partition) : offset.offset();
                end += partitionEnd;
                position += partitionPosition;
                if (partitionEnd > partitionPosition) {
                    lag += partitionEnd - partitionPosition;
                    behind.put(partition, partitionPosition);
                }
            }
            double seconds = recent.oldestTimestamp(behind)
                    .map(oldest -> Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0)).orElse(0.0);
            bySide.computeIfAbsent(role, r -> new ArrayList<>()).add(new TopicLag(entry.getKey(),
                    entry.getValue().size(), end, position, lag, seconds));
        }
        return bySide.entrySet().stream().map(e -> new SideLag(e.getKey().side(), e.getKey().kind(),
                e.getValue().stream().mapToLong(TopicLag::lagRecords).sum(),
                e.getValue().stream().mapToDouble(TopicLag::lagSeconds).max().orElse(0),
                e.getValue())).toList();
    }

    /** What the group is, from its configured name or from the topics it reads. */
    private String role(String group, Set<String> topics) {
        if (settings.syncApplicationId().filter(group::equals).isPresent()) {
            return "sync";
        }
        if (settings.consistencyApplicationId().filter(group::equals).isPresent()) {
            return "consistency";
        }
        Set<String> kinds = topics.stream().map(topic -> TopicRole.of(names.prefix(), topic).orElseThrow().kind())
                .collect(Collectors.toSet());
        if (kinds.equals(Set.of("apply"))) {
            return "apply";
        }
        if (group.contains("consistency")) {
            return "consistency";
        }
        if (group.contains("replicate")) {
            return "replicate";
        }
        return kinds.contains("cdc") ? "sync" : "consumer";
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException("interrupted while asking Kafka at " + settings.bootstrapServers());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                // the admin client's own timeout (set to ours) may fire before the future's: the same outcome
                throw unanswered();
            }
            throw new StatusException("Kafka at " + settings.bootstrapServers() + " refused the request: "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw unanswered();
        }
    }

    private StatusException unanswered() {
        return new StatusException("Kafka at " + settings.bootstrapServers() + " did not answer within "
                + settings.timeout().toSeconds() + " s (is bootstrap.servers right and the cluster up?)");
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
        admin.close(Duration.ofSeconds(1));
    }
}
