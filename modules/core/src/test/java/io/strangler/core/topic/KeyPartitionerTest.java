package io.strangler.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyPartitionerTest {

    @Test
    void shouldPutKeysThatDifferOnlyInColumnNamesInTheSamePartition() {
        CanonicalKey monolith = key("order_id", 4711L, "line_no", 3L);
        CanonicalKey service = key("id", 4711L, "position", 3L);

        for (int partitions = 1; partitions <= 16; partitions++) {
            assertThat(KeyPartitioner.partition(service, partitions))
                    .isEqualTo(KeyPartitioner.partition(monolith, partitions));
        }
    }

    @Test
    void shouldTellValueTypesAndKeyOrderApart() {
        // 1L, "1" and 1.0 are different keys (as in a row hash); (a, b) is not (b, a)
        int partitions = 1 << 20;
        assertThat(KeyPartitioner.partition(key("id", 1L), partitions))
                .isNotEqualTo(KeyPartitioner.partition(key("id", "1"), partitions))
                .isNotEqualTo(KeyPartitioner.partition(key("id", 1.0d), partitions));
        assertThat(KeyPartitioner.partition(key("a", 1L, "b", 2L), partitions))
                .isNotEqualTo(KeyPartitioner.partition(key("a", 2L, "b", 1L), partitions));
    }

    @Test
    void shouldKeepEveryKeyInThePartitionPinnedHere() {
        // Changing the encoding or the hash moves keys between partitions and breaks per-key order across an upgrade:
        // these are the first implementation's values (MurmurHash3 x86 32, seed 0, over the row hash's value encoding).
        assertThat(KeyPartitioner.partition(key("id", 42L), 1_000_003)).isEqualTo(886_904);
        assertThat(KeyPartitioner.partition(key("sku", "A-1", "bin", BinaryValue.ofHex("00ff")), 1_000_003))
                .isEqualTo(259_765);
    }

    @Test
    void shouldSpreadSequentialIdsEvenlyOverPartitions() {
        int partitions = 6;
        int[] counts = new int[partitions];
        for (long id = 1; id <= 60_000; id++) {
            counts[KeyPartitioner.partition(key("id", id), partitions)]++;
        }
        for (int count : counts) {
            assertThat(count).isBetween(9_500, 10_500);
        }
    }

    @Test
    void shouldRefuseANonPositivePartitionCount() {
        assertThatThrownBy(() -> KeyPartitioner.partition(key("id", 1L), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, got 0");
    }

    private static CanonicalKey key(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return CanonicalKey.of(values);
    }
}
