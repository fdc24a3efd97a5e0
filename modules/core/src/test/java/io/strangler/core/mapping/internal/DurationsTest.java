package io.strangler.core.mapping.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shouldParseUnitsAndIso8601() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("500us")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("PT0.25S")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldRejectNumbersWithoutUnitAndGarbage() {
        assertThatThrownBy(() -> Durations.parse("250")).hasMessageContaining("invalid duration '250'");
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> Durations.parse("Pfoo")).hasMessageContaining("invalid duration");
    }
}
