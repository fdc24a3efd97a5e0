package io.strangler.sync;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.sync.internal.ThreadFailureBudget;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A stream thread's unexpected death is retried within a budget, and then the sync stops instead of looping. */
class ThreadFailureBudgetTest {

    private final AtomicLong now = new AtomicLong();
    private final ThreadFailureBudget budget = new ThreadFailureBudget("Sync test", 3, Duration.ofMinutes(10), now::get);

    @Test
    void theThreadIsReplacedUpToTheBudgetAndTheProcessorStopsAtTheNextFailure() {
        for (int i = 0; i < 3; i++) {
            now.addAndGet(Duration.ofSeconds(10).toNanos());
            assertThat(budget.handle(new IllegalStateException("store write failed " + i))).isEqualTo(REPLACE_THREAD);
        }

        assertThat(budget.handle(new IllegalStateException("store write failed again"))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(budget.lastError()).contains("store write failed again");
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 3; i++) {
            assertThat(budget.handle(new IllegalStateException("transient"))).isEqualTo(REPLACE_THREAD);
        }
        now.addAndGet(Duration.ofMinutes(10).plusSeconds(1).toNanos());

        assertThat(budget.handle(new IllegalStateException("transient, an hour later"))).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void aBudgetOfZeroStopsAtTheFirstFailure() {
        assertThat(new ThreadFailureBudget("Sync test", 0, Duration.ofMinutes(1), now::get)
                .handle(new IllegalStateException("x"))).isEqualTo(SHUTDOWN_CLIENT);
    }
}
