package io.strangler.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    private static final long SECOND = 1_000_000_000L;
    private final ProgressReporter reporter = new ProgressReporter(Duration.ofSeconds(1));

    @Test
    void shouldPublishTheLatestCommitOfABatchWithChangesAndTheWallClockWhenIdle() {
        assertThat(reporter.next(5_000, false, 9_000, 0)).map(String::new).contains("5000");
        assertThat(reporter.next(Long.MIN_VALUE, true, 9_000, 2 * SECOND)).map(String::new).contains("9000");
    }

    @Test
    void shouldPublishAtMostOncePerIntervalAndNeverBackwards() {
        reporter.next(5_000, false, 9_000, 0);

        assertThat(reporter.next(6_000, false, 9_000, SECOND / 2)).as("within the interval").isEmpty();
        assertThat(reporter.next(4_000, false, 9_000, 2 * SECOND)).as("an older commit").isEmpty();
        assertThat(reporter.next(Long.MIN_VALUE, false, 9_000, 3 * SECOND)).as("only dead letters").isEmpty();
        assertThat(reporter.next(7_000, false, 9_000, 4 * SECOND)).isPresent();
    }
}
