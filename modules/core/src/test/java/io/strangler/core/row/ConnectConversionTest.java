package io.strangler.core.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class ConnectConversionTest {

    @Test
    void shouldRenderDecimalsAtTheSchemaScale() {
        Schema schema = DebeziumSchemas.decimal(12, 2);
        assertThat(CanonicalValue.fromConnect("price", schema, new BigDecimal("12.5"))).isEqualTo("12.50");
        assertThat(CanonicalValue.fromConnect("price", schema, new BigDecimal("0.00"))).isEqualTo("0.00");
        // Connect's wire form: unscaled two's-complement bytes
        assertThat(CanonicalValue.fromConnect("price", schema, BigInteger.valueOf(-1250).toByteArray())).isEqualTo("-12.50");
    }

    @Test
    void shouldStripTrailingZerosOfVariableScaleDecimals() {
        Schema schema = DebeziumSchemas.variableScaleDecimal();
        Struct value = new Struct(schema).put("scale", 3).put("value", BigInteger.valueOf(12_500).toByteArray());
        Struct zero = new Struct(schema).put("scale", 4).put("value", BigInteger.ZERO.toByteArray());
        Struct big = new Struct(schema).put("scale", 0).put("value", BigInteger.valueOf(1200).toByteArray());

        assertThat(CanonicalValue.fromConnect("amount", schema, value)).isEqualTo("12.5");
        assertThat(CanonicalValue.fromConnect("amount", schema, zero)).isEqualTo("0");
        assertThat(CanonicalValue.fromConnect("amount", schema, big)).isEqualTo("1200");
    }

    @Test
    void shouldConvertEveryDebeziumTemporalToMicros() {
        assertThat(CanonicalValue.fromConnect("d", DebeziumSchemas.date(), 19_000)).isEqualTo(19_000L);
        assertThat(CanonicalValue.fromConnect("t", DebeziumSchemas.named(SchemaBuilder.int32(), "io.debezium.time.Time"),
                3_600_123)).isEqualTo(3_600_123_000L);
        assertThat(CanonicalValue.fromConnect("t", DebeziumSchemas.microTime(), 3_600_123_456L)).isEqualTo(3_600_123_456L);
        assertThat(CanonicalValue.fromConnect("t", DebeziumSchemas.named(SchemaBuilder.int64(), "io.debezium.time.NanoTime"),
                3_600_123_456_789L)).isEqualTo(3_600_123_456L);
        assertThat(CanonicalValue.fromConnect("ts", DebeziumSchemas.named(SchemaBuilder.int64(), "io.debezium.time.Timestamp"),
                1_700_000_000_123L)).isEqualTo(1_700_000_000_123_000L);
        assertThat(CanonicalValue.fromConnect("ts", DebeziumSchemas.microTimestamp(), 1_700_000_000_123_456L))
                .isEqualTo(1_700_000_000_123_456L);
        assertThat(CanonicalValue.fromConnect("ts", DebeziumSchemas.named(SchemaBuilder.int64(), "io.debezium.time.NanoTimestamp"),
                -1_500L)).isEqualTo(-2L);
        assertThat(CanonicalValue.fromConnect("tz", DebeziumSchemas.zonedTimestamp(), "2023-11-14T22:13:20.123456Z"))
                .isEqualTo(1_700_000_000_123_456L);
        assertThat(CanonicalValue.fromConnect("tz", DebeziumSchemas.zonedTimestamp(), "2023-11-15T00:13:20.1+02:00"))
                .isEqualTo(1_700_000_000_100_000L);
        assertThat(CanonicalValue.fromConnect("tt", DebeziumSchemas.named(SchemaBuilder.string(), "io.debezium.time.ZonedTime"),
                "08:00:00.5Z")).isEqualTo(8 * 3_600_000_000L + 500_000L);
    }

    @Test
    void shouldConvertConnectLogicalTemporals() {
        java.util.Date midnight = new java.util.Date(19_000L * 86_400_000L);
        assertThat(CanonicalValue.fromConnect("d", Date.SCHEMA, midnight)).isEqualTo(19_000L);
        assertThat(CanonicalValue.fromConnect("t", Time.SCHEMA, new java.util.Date(1_234L))).isEqualTo(1_234_000L);
        assertThat(CanonicalValue.fromConnect("ts", Timestamp.SCHEMA, new java.util.Date(-1L))).isEqualTo(-1_000L);
    }

    @Test
    void shouldMapPrimitivesAndSemanticStrings() {
        assertThat(CanonicalValue.fromConnect("i", Schema.INT8_SCHEMA, (byte) -3)).isEqualTo(-3L);
        assertThat(CanonicalValue.fromConnect("i", Schema.INT16_SCHEMA, (short) 7)).isEqualTo(7L);
        assertThat(CanonicalValue.fromConnect("i", Schema.INT32_SCHEMA, 7)).isEqualTo(7L);
        assertThat(CanonicalValue.fromConnect("f", Schema.FLOAT32_SCHEMA, 1.1f)).isEqualTo(1.1d);
        assertThat(CanonicalValue.fromConnect("f", Schema.FLOAT64_SCHEMA, -0.0d)).isEqualTo(0.0d);
        assertThat(CanonicalValue.fromConnect("u", DebeziumSchemas.uuid(), "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
                .isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(CanonicalValue.fromConnect("j", DebeziumSchemas.json(), "{\"b\": 1, \"a\": [true, null]}"))
                .isEqualTo("{\"a\":[true,null],\"b\":1}");
        assertThat(CanonicalValue.fromConnect("s", DebeziumSchemas.named(SchemaBuilder.string(), "io.debezium.data.EnumSet"),
                "a,c")).isEqualTo("a,c");
        assertThat(CanonicalValue.fromConnect("b", Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {1, 2})))
                .isEqualTo(BinaryValue.of(new byte[] {1, 2}));
    }

    @Test
    void shouldRenderBitsMostSignificantFirst() {
        Schema bits = SchemaBuilder.bytes().name("io.debezium.data.Bits").version(1).parameter("length", "10").build();
        // 0b10_0000_0101 little-endian: low byte 0x05, high byte 0x02
        assertThat(CanonicalValue.fromConnect("flags", bits, new byte[] {0x05, 0x02})).isEqualTo("1000000101");
    }

    @Test
    void shouldReadTinyintOneAsBooleanFromSourceTypeOrHint() {
        Schema tinyint1 = DebeziumSchemas.withSource(SchemaBuilder.int16(), "TINYINT", 1);
        Schema tinyint4 = DebeziumSchemas.withSource(SchemaBuilder.int16(), "TINYINT", 4);

        assertThat(CanonicalValue.fromConnect("active", tinyint1, (short) 1)).isEqualTo(true);
        assertThat(CanonicalValue.fromConnect("active", tinyint1, (short) 0)).isEqualTo(false);
        assertThat(CanonicalValue.fromConnect("level", tinyint4, (short) 1)).isEqualTo(1L);
        assertThat(CanonicalValue.fromConnect("active", Schema.INT16_SCHEMA, (short) 2, ValueKind.BOOLEAN)).isEqualTo(true);
    }

    @Test
    void shouldStripPaddingOfFixedCharsOnly() {
        Schema bpchar = DebeziumSchemas.withSource(SchemaBuilder.string(), "BPCHAR", 5);
        assertThat(CanonicalValue.fromConnect("code", bpchar, "ab   ")).isEqualTo("ab");
        assertThat(CanonicalValue.fromConnect("name", Schema.STRING_SCHEMA, "ab   ")).isEqualTo("ab   ");
        assertThat(CanonicalValue.fromConnect("name", Schema.STRING_SCHEMA, "ab \t", ValueKind.FIXED_CHAR)).isEqualTo("ab \t");
    }

    @Test
    void shouldFlagDebeziumUnavailablePlaceholderForStringsAndBytes() {
        Object text = CanonicalValue.fromConnect("body", Schema.OPTIONAL_STRING_SCHEMA, "__debezium_unavailable_value");
        Object json = CanonicalValue.fromConnect("doc", DebeziumSchemas.json(), "__debezium_unavailable_value");
        Object bytes = CanonicalValue.fromConnect("blob", Schema.OPTIONAL_BYTES_SCHEMA,
                ByteBuffer.wrap("__debezium_unavailable_value".getBytes(StandardCharsets.UTF_8)));

        assertThat(CanonicalValue.isUnavailable(text)).isTrue();
        assertThat(CanonicalValue.isUnavailable(json)).isTrue();
        assertThat(CanonicalValue.isUnavailable(bytes)).isTrue();
        assertThatThrownBy(() -> CanonicalRow.builder().put("body", text))
                .isInstanceOf(CanonicalValueException.class).hasMessageContaining("'body'").hasMessageContaining("unavailable");
    }

    @Test
    void shouldNameColumnAndTypeWhenTheTypeIsUnknown() {
        Schema interval = DebeziumSchemas.named(SchemaBuilder.int64(), "io.debezium.time.MicroDuration");
        Schema struct = SchemaBuilder.struct().field("x", Schema.INT32_SCHEMA).build();

        assertThatThrownBy(() -> CanonicalValue.fromConnect("waited", interval, 5L))
                .isInstanceOf(CanonicalValueException.class)
                .hasMessageContaining("'waited'").hasMessageContaining("io.debezium.time.MicroDuration");
        assertThatThrownBy(() -> CanonicalValue.fromConnect("point", struct, new Struct(struct).put("x", 1)))
                .isInstanceOf(CanonicalValueException.class).hasMessageContaining("'point'").hasMessageContaining("STRUCT");
        assertThatThrownBy(() -> CanonicalValue.fromConnect("price", SchemaBuilder.bytes()
                        .name("org.apache.kafka.connect.data.Decimal").build(), new byte[] {1}))
                .isInstanceOf(CanonicalValueException.class).hasMessageContaining("'price'").hasMessageContaining("scale");
    }

    @Test
    void shouldReturnNullForNullValues() {
        assertThat(CanonicalValue.fromConnect("x", DebeziumSchemas.microTimestamp(), null)).isNull();
    }
}
