package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.topic.KeyPartitioner;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The sync processes each logical row in the partition {@link KeyPartitioner} gives its key: a change read there is
 * processed at once, any other goes through the re-key topic first. (TopologyTestDriver delivers every input record
 * from partition 0, and its topics have 1 partition.)
 */
class SyncRekeyTest {

    private static final ConflictStrategy PRIORITY = new ConflictStrategy.Priority(MONOLITH);
    private static final int PARTITIONS = 4;

    @Test
    void shouldProcessAChangeReadInItsRowsPartitionWithoutReKeying() {
        try (SyncFixture sync = fixture(PARTITIONS)) {
            long id = LongStream.rangeClosed(1, 100).filter(candidate -> partitionOf(candidate) == 0).findFirst()
                    .orElseThrow();

            // When: a monolith insert of a customer whose row the sync processes in partition 0, read from partition 0
            sync.write(MONOLITH, CREATE, id, "Ada", "ada@x", 1_000);

            // Then
            assertThat(sync.onlyApply(SERVICE).getKey()).isEqualTo(Map.of("id", id));
            assertThat(sync.metric("rekeyed-total", Map.of())).isZero();
            assertThat(sync.state(id)).isNotNull();
        }
    }

    @Test
    void shouldRefuseToReKeyIntoATopicWithAnotherPartitionCountThanConfigured() {
        // TopologyTestDriver's topics have 1 partition, the sync is configured for 4 (the real re-key path, through a
        // topic of 4 partitions, runs in SyncEndToEndIT and the convergence ITs, which vary the partition counts)
        try (SyncFixture sync = fixture(PARTITIONS)) {
            long id = LongStream.rangeClosed(1, 100).filter(candidate -> partitionOf(candidate) != 0).findFirst()
                    .orElseThrow();

            assertThatThrownBy(() -> sync.write(MONOLITH, CREATE, id, "Ada", "ada@x", 1_000))
                    .rootCause().hasMessage("re-key topic 'sync-test-rekeyed' has 1 partitions but the sync is"
                            + " configured for 4 (sync.partitions): set them alike");
        }
    }

    private static SyncFixture fixture(int partitions) {
        SyncSettings settings = SyncSettings.defaults()
                .withRekey(new SyncSettings.Rekey("sync-test-rekeyed", partitions));
        return new SyncFixture(PRIORITY, Direction.BOTH, settings);
    }

    private static int partitionOf(long id) {
        return KeyPartitioner.partition(CanonicalKey.of(Map.of("id", id)), PARTITIONS);
    }
}
