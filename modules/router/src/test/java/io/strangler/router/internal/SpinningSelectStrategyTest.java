package io.strangler.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

class SpinningSelectStrategyTest {

    private static final long ONE_HOUR_MICROS = 3_600_000_000L;

    @Test
    void shouldSleepWhenNothingHappenedWithinTheSpinTime() throws Exception {
        SelectStrategy strategy = SpinningSelectStrategy.factory(1).newSelectStrategy();

        assertThat(strategy.calculateStrategy(() -> 0, false)).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void shouldHandOverReadyEventsAndKeepPollingAfterThem() throws Exception {
        SelectStrategy strategy = SpinningSelectStrategy.factory(ONE_HOUR_MICROS).newSelectStrategy();

        assertThat(strategy.calculateStrategy(() -> 3, false)).isEqualTo(3);
        // nothing ready now, but the last event was within the spin time: poll again instead of sleeping
        assertThat(strategy.calculateStrategy(() -> 0, false)).isZero();
    }

    @Test
    void shouldNeverSleepWhileTasksAreWaiting() throws Exception {
        SelectStrategy strategy = SpinningSelectStrategy.factory(1).newSelectStrategy();

        assertThat(strategy.calculateStrategy(() -> 0, true)).isZero();
    }
}
