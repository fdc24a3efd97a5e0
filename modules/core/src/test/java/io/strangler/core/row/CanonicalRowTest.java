package io.strangler.core.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class CanonicalRowTest {

    @Test
    void shouldCompareBytesByContentAndNormaliseNegativeZero() {
        byte[] bytes = {1, 2, 3};
        CanonicalRow a = CanonicalRow.builder().put("b", bytes).put("d", -0.0d).build();
        bytes[0] = 9; // the row took a copy
        CanonicalRow b = CanonicalRow.builder().put("b", ByteBuffer.wrap(new byte[] {1, 2, 3})).put("d", 0.0d).build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.get("b")).isEqualTo(BinaryValue.ofHex("010203"));
    }

    @Test
    void shouldRejectNonCanonicalValuesNamingTheColumn() {
        assertThatThrownBy(() -> CanonicalRow.builder().put("qty", 5))
                .isInstanceOf(CanonicalValueException.class).hasMessageContaining("'qty'").hasMessageContaining("Integer");
        assertThatThrownBy(() -> CanonicalRow.builder().put("a", 1L).put("a", 2L))
                .hasMessageContaining("'a'");
    }

    @Test
    void shouldProjectInTheGivenOrderAndRejectUnknownColumns() {
        CanonicalRow row = CanonicalRow.builder().put("a", 1L).put("b", null).put("c", "x").build();

        CanonicalRow projected = row.project(List.of("c", "b"));

        assertThat(projected.columns()).containsExactly("c", "b");
        assertThat(projected.values()).containsEntry("b", null).containsEntry("c", "x");
        assertThatThrownBy(() -> row.project(List.of("a", "zz"))).hasMessageContaining("'zz'");
        assertThatThrownBy(() -> row.project(List.of("a", "a"))).hasMessageContaining("twice");
    }

    @Test
    void shouldRenameKeepingOrderAndRejectCollisions() {
        CanonicalRow row = CanonicalRow.builder().put("id", 1L).put("name", "Ada").put("mail", "a@x").build();

        CanonicalRow renamed = row.rename(Map.of("name", "full_name"));

        assertThat(renamed.columns()).containsExactly("id", "full_name", "mail");
        assertThat(renamed.get("full_name")).isEqualTo("Ada");
        assertThatThrownBy(() -> row.rename(Map.of("name", "mail"))).hasMessageContaining("'mail'");
    }

    @Test
    void shouldEqualRegardlessOfColumnOrderButKeepIt() {
        CanonicalRow ab = CanonicalRow.builder().put("a", 1L).put("b", 2L).build();
        CanonicalRow ba = CanonicalRow.builder().put("b", 2L).put("a", 1L).build();

        assertThat(ab).isEqualTo(ba);
        assertThat(ba.columns()).containsExactly("b", "a");
    }

    @Test
    void shouldRoundTripThroughTheAvroUnionIncludingUtf8AndByteBuffers() {
        CanonicalRow row = CanonicalRow.builder().put("n", null).put("t", true).put("l", 3L).put("d", 2.5d)
                .put("s", "x").put("b", BinaryValue.ofHex("ff")).build();

        Map<String, Object> avro = row.toAvro();
        assertThat(avro.get("b")).isInstanceOf(ByteBuffer.class);

        Map<CharSequence, Object> asRead = new LinkedHashMap<>();
        avro.forEach((k, v) -> asRead.put(new Utf8(k), v instanceof String s ? new Utf8(s) : v));
        assertThat(CanonicalRow.fromAvro(asRead)).isEqualTo(row);
        assertThat(CanonicalValue.fromAvro(new Utf8("é"))).isEqualTo("é");
        assertThatThrownBy(() -> CanonicalValue.fromAvro(3)).isInstanceOf(CanonicalValueException.class);
    }
}
