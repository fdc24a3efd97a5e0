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

    @Test
    void shouldSelectTheOperationsThatWriteOnlyToTheGivenTables() {
        // Given a service database holding orders and their items and payments
        var tables = java.util.List.of("orders", "order_items", "payments", "customers");

        // When selecting the operations that fit
        var operations = SampleWorkload.Operation.writingOnly(tables);

        // Then only those whose every written table is there are chosen
        assertThat(operations).containsExactlyInAnyOrder(SampleWorkload.Operation.UPDATE_ORDER_STATUS,
                SampleWorkload.Operation.CAPTURE_PAYMENT, SampleWorkload.Operation.UPDATE_CUSTOMER);
    }

    @Test
    void shouldRejectAnEmptyOperationSet() {
        assertThatThrownBy(() -> SampleWorkload.Config.of(1L, 100, 10_000L).withOperations(java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operations");
    }
}
