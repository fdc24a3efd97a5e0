package io.strangler.core.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalKeyTest {

    @Test
    void shouldEncodeKeyColumnsInPrimaryKeyOrderAsCompactJson() {
        CanonicalRow row = CanonicalRow.builder().put("line", 2L).put("name", "x").put("order_id", 7L).build();

        assertThat(CanonicalKey.of(row, List.of("order_id", "line")).encode()).isEqualTo("{\"order_id\":7,\"line\":2}");
        assertThat(CanonicalKey.of(Map.of("id", 42L)).encode()).isEqualTo("{\"id\":42}");
    }

    @Test
    void shouldMarkBytesAndRoundTripEveryValueType() {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        values.put("bin", BinaryValue.ofHex("00ff"));
        values.put("s", "a\"b\\c é");
        values.put("flag", false);
        values.put("d", 1.0d);
        values.put("l", Long.MIN_VALUE);
        CanonicalKey key = CanonicalKey.of(values);

        String encoded = key.encode();

        assertThat(encoded).startsWith("{\"bin\":{\"$bytes\":\"AP8=\"},");
        assertThat(CanonicalKey.decode(encoded)).isEqualTo(key);
        assertThat(CanonicalKey.decode(encoded).get("d")).isInstanceOf(Double.class);
        assertThat(CanonicalKey.decode(encoded).get("l")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldRoundTripRandomKeys() {
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            LinkedHashMap<String, Object> values = new LinkedHashMap<>();
            int n = 1 + random.nextInt(4);
            for (int c = 0; c < n; c++) {
                Object v = RandomRows.differentValue(random, null);
                values.put("k" + c, v);
            }
            CanonicalKey key = CanonicalKey.of(values);
            assertThat(CanonicalKey.decode(key.encode())).isEqualTo(key);
            assertThat(CanonicalKey.decode(key.encode()).columns()).isEqualTo(key.columns());
        }
    }

    @Test
    void shouldRejectNullKeysMissingColumnsAndBadInput() {
        CanonicalRow row = CanonicalRow.builder().put("id", null).build();
        assertThatThrownBy(() -> CanonicalKey.of(row, List.of("id"))).hasMessageContaining("'id'").hasMessageContaining("null");
        assertThatThrownBy(() -> CanonicalKey.of(row, List.of("other"))).hasMessageContaining("'other'");
        assertThatThrownBy(() -> CanonicalKey.decode("[1]")).hasMessageContaining("[1]");
        assertThatThrownBy(() -> CanonicalKey.decode("{\"id\":[1]}")).hasMessageContaining("'id'");
        assertThatThrownBy(() -> CanonicalKey.decode("{\"id\":1} x")).hasMessageContaining("not a canonical key");
        assertThatThrownBy(() -> CanonicalKey.of(Map.of("d", Double.NaN))).hasMessageContaining("'d'");
    }
}
