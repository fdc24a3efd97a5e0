package io.strangler.core.row.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemporalsTest {

    private static final long HOUR = 3_600_000_000L;

    @Test
    void shouldParseTimesDurationsAndOffsets() {
        assertThat(Temporals.parseTimeMicros("10:15:30.123456")).isEqualTo(10 * HOUR + (15 * 60 + 30) * 1_000_000L + 123_456);
        assertThat(Temporals.parseTimeMicros("10:15:30.5")).isEqualTo(10 * HOUR + (15 * 60 + 30) * 1_000_000L + 500_000);
        assertThat(Temporals.parseTimeMicros("24:00:00")).isEqualTo(24 * HOUR);
        assertThat(Temporals.parseTimeMicros("-838:59:59")).isEqualTo(-(838 * HOUR + 3_599_000_000L));
        assertThat(Temporals.parseTimeMicros("10:00:00+02")).isEqualTo(8 * HOUR);
        assertThat(Temporals.parseTimeMicros("01:00:00+02:00")).isEqualTo(23 * HOUR);
        assertThat(Temporals.parseTimeMicros("08:00:00Z")).isEqualTo(8 * HOUR);
        assertThatThrownBy(() -> Temporals.parseTimeMicros("noon")).hasMessageContaining("noon");
    }
}
