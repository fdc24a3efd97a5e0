package io.strangler.embedded.sample;

import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleWorkloadTest {

    @Test
    void shouldRejectAnIdOffsetInsideTheGeneratedIds() {
        // Given n = 1000, generated ids reach 2000 (customer_addresses)
        // When / Then an offset below that is refused with the reason
        assertThatThrownBy(() -> SampleWorkload.Config.of(1L, 1000, 1999L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idOffset 1999")
                .hasMessageContaining("2000");
    }

    @Test
    void shouldRejectANegativeRate() {
        assertThatThrownBy(() -> SampleWorkload.Config.of(1L, 1000, 10_000L).withOperationsPerSecond(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operationsPerSecond");
    }

    @Test
    void shouldKeepTheSettingsOfACopiedConfig() {
        // Given a config with a rate and a fixed clock
        Clock clock = Clock.fixed(java.time.Instant.parse("2025-06-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        SampleWorkload.Config config = SampleWorkload.Config.of(3L, 100, 1_000_000L).withOperationsPerSecond(50)
                .withClock(clock);

        // Then every field survives the copies
        assertThat(config.seed()).isEqualTo(3L);
        assertThat(config.sizes()).isEqualTo(SampleSizes.of(100));
        assertThat(config.idOffset()).isEqualTo(1_000_000L);
        assertThat(config.operationsPerSecond()).isEqualTo(50.0);
        assertThat(config.clock()).isSameAs(clock);
    }
}
