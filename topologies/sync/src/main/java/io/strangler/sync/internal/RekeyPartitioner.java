package io.strangler.sync.internal;

import io.strangler.core.topic.KeyPartitioner;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Puts a re-keyed change in the partition its row is processed in. Refuses to write when the re-key topic's
 * partition count is not the configured one (the topic was deleted and re-created while the sync ran, say): the
 * sync checked it at start, and placing rows by another count would process a row in two places.
 */
public final class RekeyPartitioner implements StreamPartitioner<String, LogicalChange> {

    private final int partitions;

    public RekeyPartitioner(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, LogicalChange change, int numPartitions) {
        if (numPartitions != partitions) {
            throw new StreamsException("re-key topic '" + topic + "' has " + numPartitions + " partitions but the sync"
                    + " is configured for " + partitions + " (sync.partitions): set them alike");
        }
        return Optional.of(Set.of(KeyPartitioner.partition(change.key(), partitions)));
    }
}
