package io.strangler.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import org.junit.jupiter.api.Test;

class JdbcValueWriterTest {

    @Test
    void shouldFormatTimesBeyondADayAndNegativeDurations() {
        assertThat(JdbcValueWriter.formatTime(0)).isEqualTo("00:00:00.000000");
        assertThat(JdbcValueWriter.formatTime(86_399_999_999L)).isEqualTo("23:59:59.999999");
        assertThat(JdbcValueWriter.formatTime(86_400_000_000L)).isEqualTo("24:00:00.000000");
        assertThat(JdbcValueWriter.formatTime(-(838L * 3_600 + 59 * 60 + 59) * 1_000_000L)).isEqualTo("-838:59:59.000000");
    }

    @Test
    void shouldRejectAValueOfTheWrongKindNamingColumnAndType() {
        assertThatThrownBy(() -> JdbcValueWriter.convert("qty", ColumnType.of(Engine.POSTGRESQL, "int4"), "seven"))
                .isInstanceOf(ValueConversionException.class)
                .hasMessageContaining("qty").hasMessageContaining("int4").hasMessageContaining("seven");
    }

    @Test
    void shouldRejectAnInvalidUuidOnPostgres() {
        assertThatThrownBy(() -> JdbcValueWriter.convert("ref", ColumnType.of(Engine.POSTGRESQL, "uuid"), "not-a-uuid"))
                .isInstanceOf(ValueConversionException.class).hasMessageContaining("ref");
    }

    @Test
    void shouldRejectABitStringWithOtherCharacters() {
        assertThatThrownBy(() -> JdbcValueWriter.convert("mask", ColumnType.ofLength(Engine.MARIADB, "bit", 8), "0102"))
                .isInstanceOf(ValueConversionException.class).hasMessageContaining("mask");
    }

    @Test
    void shouldRejectAnUnsupportedColumnType() {
        assertThatThrownBy(() -> JdbcValueWriter.convert("spot", ColumnType.of(Engine.POSTGRESQL, "point"), "(1,2)"))
                .isInstanceOf(ValueConversionException.class).hasMessageContaining("spot");
    }

    @Test
    void shouldAcceptNullForAnyColumn() {
        assertThat(JdbcValueWriter.convert("spot", ColumnType.of(Engine.POSTGRESQL, "point"), null)).isNotNull();
    }
}
