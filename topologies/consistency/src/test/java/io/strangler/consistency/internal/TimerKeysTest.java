package io.strangler.consistency.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerKeysTest {

    @Test
    void shouldSortTimerKeysByDueTimeWhateverTheRowKey() {
        // Given timers whose row keys sort the other way round
        List<String> keys = new ArrayList<>(List.of(TimerKeys.of(10_000, "a:{\"id\":1}"), TimerKeys.of(9_999, "z:{\"id\":9}"),
                TimerKeys.of(1_795_608_006_000L, "a:{\"id\":0}")));

        // When sorted as RocksDB sorts their (ASCII) bytes
        keys.sort(String::compareTo);

        // Then due order, and the due time and row key come back out
        assertThat(keys).extracting(TimerKeys::dueOf).containsExactly(9_999L, 10_000L, 1_795_608_006_000L);
        assertThat(keys.get(0)).endsWith("z:{\"id\":9}");
    }
}
