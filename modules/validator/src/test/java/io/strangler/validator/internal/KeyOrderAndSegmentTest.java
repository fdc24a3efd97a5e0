package io.strangler.validator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.row.ValueKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderAndSegmentTest {

    @Test
    void shouldOrderTextByCodePointLikeUtf8BytesNotLikeUtf16() {
        // Given U+FF5E (one UTF-16 unit, 3 UTF-8 bytes) and U+1F600 (a surrogate pair, 4 UTF-8 bytes)
        KeyOrder order = new KeyOrder(List.of(ValueKind.STRING));
        String bmp = "\uFF5E";
        String astral = "\uD83D\uDE00";

        // Then code point order puts the BMP character first, as PostgreSQL COLLATE "C" and MariaDB BINARY do,
        // while String.compareTo would say the opposite
        assertThat(order.compare(new Object[] {bmp}, new Object[] {astral})).isNegative();
        assertThat(bmp.compareTo(astral)).isPositive();
        assertThat(order.compare(new Object[] {"Key-7"}, new Object[] {"key-7"})).isNegative();
        assertThat(order.compare(new Object[] {"ab"}, new Object[] {"a"})).isPositive();
    }

    @Test
    void shouldOrderDecimalsNumericallyAndCompositeKeysColumnByColumn() {
        assertThat(new KeyOrder(List.of(ValueKind.DECIMAL)).compare(new Object[] {"9.50"}, new Object[] {"10.00"})).isNegative();
        KeyOrder composite = new KeyOrder(List.of(ValueKind.INTEGER, ValueKind.INTEGER));
        assertThat(composite.compare(new Object[] {7L, 2L}, new Object[] {7L, 10L})).isNegative();
        assertThat(composite.compare(new Object[] {8L, 1L}, new Object[] {7L, 10L})).isPositive();
        assertThat(composite.compare(new Object[] {7L, 2L}, new Object[] {7L, 2L})).isZero();
    }

    @Test
    void shouldDivideARangeIntoAdjacentSegmentsCoveringItExactly() {
        List<Segment> segments = Segment.Range.divide(-5, 94, 7);

        assertThat(segments).hasSize(7);
        assertThat(((Segment.Range) segments.get(0)).low()).isEqualTo(-5);
        assertThat(((Segment.Range) segments.get(6)).high()).isEqualTo(94);
        for (int i = 1; i < segments.size(); i++) {
            assertThat(((Segment.Range) segments.get(i)).low()).isEqualTo(((Segment.Range) segments.get(i - 1)).high() + 1);
        }
        assertThat(Segment.Range.divide(3, 4, 8)).hasSize(2);
        assertThat(Segment.Range.divide(Long.MIN_VALUE, Long.MAX_VALUE, 4)).hasSize(4);
    }

    @Test
    void shouldParseTheIdsItWritesToCheckpoints() {
        for (Segment segment : List.of(new Segment.Range(-3, 9), new Segment.HashPrefix("a7"), new Segment.All())) {
            assertThat(Segment.parse(segment.id())).isEqualTo(segment);
        }
        assertThat(Segment.HashPrefix.all(1)).hasSize(16);
        assertThat(new Segment.HashPrefix("f").split(16)).extracting(Segment::id).contains("h:f0", "h:ff");
    }
}
