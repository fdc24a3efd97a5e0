package io.strangler.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DlqFilterTest {

    @Test
    void shouldMatchEverythingWithoutCriteria() {
        assertThat(DlqFilter.ALL.matches(DlqEntries.apply(1, "public.orders"))).isTrue();
        assertThat(DlqFilter.ALL.matches(DlqEntries.capture(2))).isTrue();
    }

    @Test
    void shouldSelectByComponentAndByQualifiedOrBareTableName() {
        DlqFilter applyOrders = new DlqFilter(Set.of("apply"), Set.of("orders"), Optional.empty(), Set.of(),
                OptionalInt.empty());

        assertThat(applyOrders.matches(DlqEntries.apply(1, "public.orders"))).isTrue();
        assertThat(applyOrders.matches(DlqEntries.apply(1, "public.customers"))).isFalse();
        assertThat(applyOrders.matches(DlqEntries.capture(2))).isFalse();
        assertThat(new DlqFilter(Set.of(), Set.of("public.orders"), Optional.empty(), Set.of(), OptionalInt.empty())
                .matches(DlqEntries.apply(1, "public.orders"))).isTrue();
    }

    @Test
    void shouldKeepOnlyLettersThatFailedAtOrAfterSince() {
        DlqFilter since = new DlqFilter(Set.of(), Set.of(), Optional.of(DlqEntries.FAILED.plusSeconds(1)), Set.of(),
                OptionalInt.empty());

        assertThat(since.matches(DlqEntries.apply(1, "public.orders"))).isFalse();
        assertThat(since.matches(DlqEntries.capture(2))).isTrue();
    }

    @Test
    void shouldSelectByPartitionAndOffsetOrBareOffset() {
        DlqFilter positions = new DlqFilter(Set.of(), Set.of(), Optional.empty(), Set.of("0:1", "7"),
                OptionalInt.empty());

        assertThat(positions.matches(DlqEntries.apply(1, "public.orders"))).isTrue();
        assertThat(positions.matches(DlqEntries.apply(7, "public.orders"))).isTrue();
        assertThat(positions.matches(DlqEntries.apply(2, "public.orders"))).isFalse();
    }

    @Test
    void shouldRejectMalformedOffsetsAndLimitsNamingTheFlag() {
        assertThatThrownBy(() -> new DlqFilter(Set.of(), Set.of(), Optional.empty(), Set.of("0-1"),
                OptionalInt.empty())).hasMessageContaining("--offset '0-1'");
        assertThatThrownBy(() -> new DlqFilter(Set.of(), Set.of(), Optional.empty(), Set.of(), OptionalInt.of(0)))
                .hasMessageContaining("--limit");
    }
}
