package io.strangler.deploy;

import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.consistency.ConsistencyConfig;
import io.strangler.consistency.ConsistencySettings;
import io.strangler.core.topic.TopicNames;
import io.strangler.router.RouterConfig;
import io.strangler.sync.SyncConfig;
import io.strangler.sync.SyncSettings;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The topics the deployed processors use, named by the code's own catalogue ({@link TopicNames} and the config
 * classes' topic accessors) from the very settings the processors are deployed with, each with the partition count
 * the code creates it with when the code takes that count from configuration (empty where the count is fixed inside a
 * creator, e.g. one partition for the progress and router topics, or left to the broker), and which of them the code
 * creates compacted.
 */
final class CodeTopics {

    private final Map<String, Optional<Integer>> partitions = new TreeMap<>();
    private final Set<String> compacted = new TreeSet<>();

    Map<String, Optional<Integer>> partitions() {
        return partitions;
    }

    Set<String> compacted() {
        return compacted;
    }

    void add(Object config) {
        if (config instanceof CaptureConfig capture) {
            TopicNames names = capture.topicNames();
            for (String table : capture.debeziumProperties().get("table.include.list").split(",")) {
                String[] schemaAndTable = table.trim().split("\\.");
                put(names.cdc(capture.sourceName(), schemaAndTable[0], schemaAndTable[1]), capture.topicPartitions());
            }
            put(names.cdcTransactions(capture.sourceName()), capture.topicPartitions());
            putCompacted(capture.progressTopic());
        } else if (config instanceof SyncConfig sync) {
            SyncSettings settings = sync.settings();
            int count = settings.rekey().partitions();
            put(settings.topicNames().apply(settings.monolithSource()), count);
            put(settings.topicNames().apply(settings.serviceSource()), count);
            put(settings.topicNames().syncConflicts(), count);
            put(settings.topicNames().syncDlq(), count);
            put(settings.rekey().topic(), count);
            // `strangler dlq replay` is run with the sync's file (docs/sync.md) and marks what it re-sent here
            putCompacted(settings.topicNames().dlqReplayed());
        } else if (config instanceof ApplySinkConfig apply) {
            put(apply.topicNames().apply(apply.target()), null);
            put(apply.topicNames().syncDlq(), null);
        } else if (config instanceof ConsistencyConfig consistency) {
            ConsistencySettings settings = consistency.settings();
            put(settings.topicNames().consistencyDiscrepancies(), consistency.topicPartitions());
            put(settings.topicNames().consistencyStatus(), consistency.topicPartitions());
            putCompacted(settings.topicNames().captureProgress(settings.monolithSource()));
            putCompacted(settings.topicNames().captureProgress(settings.serviceSource()));
        } else if (config instanceof RouterConfig router) {
            putCompacted(router.topicNames().routerRoutes());
            put(router.topicNames().routerStats(), null);
            put(router.topicNames().routerEvents(), null);
        } else {
            throw new AssertionError("no topics known for " + config.getClass().getName());
        }
    }

    /** A topic its creator makes compacted, with one partition fixed in the creator. */
    private void putCompacted(String topic) {
        put(topic, null);
        compacted.add(topic);
    }

    /** A count from one processor stands; another processor's count for the same topic must agree. */
    private void put(String topic, Integer count) {
        Optional<Integer> known = partitions.get(topic);
        Optional<Integer> given = Optional.ofNullable(count);
        if (known != null && known.isPresent() && given.isPresent() && !known.equals(given)) {
            throw new AssertionError(topic + " is created with " + known.get() + " partitions by one processor and "
                    + count + " by another: their settings disagree");
        }
        if (known == null || known.isEmpty()) {
            partitions.put(topic, given);
        }
    }
}
