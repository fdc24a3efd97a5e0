package io.strangler.core.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CounterValuesTest {

    @Test
    void shouldAddAndSubtractIntegersAndDecimalsWithNullAsZero() {
        assertThat(CounterValues.add(5L, -7L)).isEqualTo(-2L);
        assertThat(CounterValues.subtract(12L, 5L)).isEqualTo(7L);
        assertThat(CounterValues.subtract(3L, null)).isEqualTo(3L);
        assertThat(CounterValues.subtract(null, 4L)).isEqualTo(-4L);
        assertThat(CounterValues.add("10.50", "-0.75")).isEqualTo("9.75");
        assertThat(CounterValues.subtract("1.10", "1.10")).isEqualTo("0.00");
        assertThat(CounterValues.isZero("0.00")).isTrue();
        assertThat(CounterValues.isZero(0L)).isTrue();
        assertThat(CounterValues.isZero(null)).isTrue();
        assertThat(CounterValues.isZero(-1L)).isFalse();
    }

    @Test
    void shouldTurnAnOverflowingSumIntoADecimalInsteadOfWrapping() {
        assertThat(CounterValues.add(Long.MAX_VALUE, 1L)).isEqualTo("9223372036854775808");
        assertThat(CounterValues.negate(Long.MIN_VALUE)).isEqualTo("9223372036854775808");
    }

    @Test
    void shouldRejectAValueThatIsNotANumber() {
        assertThatThrownBy(() -> CounterValues.add("abc", 1L)).isInstanceOf(CanonicalValueException.class)
                .hasMessageContaining("counter value 'abc' is not a number");
        assertThatThrownBy(() -> CounterValues.add(true, 1L)).hasMessageContaining("(Boolean) is not a number");
    }
}
