package io.strangler.core.row.internal;

import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalValueException;
import io.strangler.core.row.UnavailableValue;
import io.strangler.core.row.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Converts a Kafka Connect value, as Debezium emits it, to a canonical value. Logical names are matched as
 * strings so that core does not depend on Debezium.
 */
public final class ConnectValueConverter {

    public static final String SOURCE_TYPE = "__debezium.source.column.type";
    public static final String SOURCE_LENGTH = "__debezium.source.column.length";

    private static final byte[] PLACEHOLDER_BYTES = UnavailableValue.DEBEZIUM_PLACEHOLDER.getBytes(StandardCharsets.UTF_8);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ConnectValueConverter() {
    }

    public static Object convert(String column, Schema schema, Object value, ValueKind hint) {
        if (schema == null) {
            throw new CanonicalValueException("column '" + column + "' has no Connect schema");
        }
        if (value == null) {
            return null;
        }
        if (isPlaceholder(value)) {
            return UnavailableValue.INSTANCE;
        }
        ValueKind effective = hint != null ? hint : sourceHint(schema);
        try {
            if (schema.name() != null) {
                return logical(column, schema, value, effective);
            }
            return primitive(column, schema, value, effective);
        } catch (ClassCastException | ArithmeticException | IllegalArgumentException e) {
            if (e instanceof CanonicalValueException) {
                throw e;
            }
            throw new CanonicalValueException("cannot convert column '" + column + "' of Connect type " + describe(schema)
                    + " (value class " + value.getClass().getName() + "): " + e.getMessage(), e);
        }
    }

    private static boolean isPlaceholder(Object value) {
        if (value instanceof String s) {
            return s.equals(UnavailableValue.DEBEZIUM_PLACEHOLDER);
        }
        if (value instanceof byte[] b) {
            return Arrays.equals(b, PLACEHOLDER_BYTES);
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.remaining() == PLACEHOLDER_BYTES.length && ByteBuffer.wrap(PLACEHOLDER_BYTES).equals(buffer);
        }
        return false;
    }

    /** Uses {@code column.propagate.source.type} parameters when Debezium adds them. */
    private static ValueKind sourceHint(Schema schema) {
        Map<String, String> params = schema.parameters();
        if (params == null || params.get(SOURCE_TYPE) == null) {
            return null;
        }
        String type = params.get(SOURCE_TYPE).toUpperCase(Locale.ROOT);
        String length = params.get(SOURCE_LENGTH);
        return switch (type) {
            case "TINYINT" -> "1".equals(length) ? ValueKind.BOOLEAN : null;
            case "CHAR", "BPCHAR", "CHARACTER", "NCHAR" -> ValueKind.FIXED_CHAR;
            case "UUID" -> ValueKind.UUID;
            case "JSON", "JSONB" -> ValueKind.JSON;
            default -> null;
        };
    }

    private static Object logical(String column, Schema schema, Object value, ValueKind hint) {
        String name = schema.name();
        return switch (name) {
            case "org.apache.kafka.connect.data.Decimal" -> decimal(column, schema, value);
            case "io.debezium.data.VariableScaleDecimal" -> variableScaleDecimal((Struct) value);
            case "io.debezium.time.Date" -> ((Number) value).longValue();
            case "org.apache.kafka.connect.data.Date" -> Math.floorDiv(((java.util.Date) value).getTime(), MILLIS_PER_DAY);
            case "io.debezium.time.Time" -> ((Number) value).longValue() * 1_000L;
            case "io.debezium.time.MicroTime", "io.debezium.time.MicroTimestamp" -> ((Number) value).longValue();
            case "io.debezium.time.NanoTime", "io.debezium.time.NanoTimestamp" ->
                    Math.floorDiv(((Number) value).longValue(), 1_000L);
            case "org.apache.kafka.connect.data.Time" ->
                    Math.floorMod(((java.util.Date) value).getTime(), MILLIS_PER_DAY) * 1_000L;
            case "io.debezium.time.Timestamp" -> Math.multiplyExact(((Number) value).longValue(), 1_000L);
            case "org.apache.kafka.connect.data.Timestamp" -> Math.multiplyExact(((java.util.Date) value).getTime(), 1_000L);
            case "io.debezium.time.ZonedTimestamp" -> Temporals.microsOfZoned((String) value);
            case "io.debezium.time.ZonedTime" -> Temporals.parseTimeMicros((String) value);
            case "io.debezium.data.Uuid" -> ((String) value).toLowerCase(Locale.ROOT);
            case "io.debezium.data.Json" -> JsonNormalizer.normalize((String) value);
            case "io.debezium.data.Enum", "io.debezium.data.EnumSet" -> (String) value;
            case "io.debezium.data.Bits" -> Bits.fromLittleEndian(bytes(value), parseInt(schema.parameters(), "length"));
            default -> throw new CanonicalValueException("column '" + column + "' has unsupported Connect type "
                    + describe(schema));
        };
    }

    private static Object primitive(String column, Schema schema, Object value, ValueKind hint) {
        return switch (schema.type()) {
            case INT8, INT16, INT32, INT64 -> hint == ValueKind.BOOLEAN
                    ? ((Number) value).longValue() != 0
                    : ((Number) value).longValue();
            case FLOAT32 -> Values.floatToDouble((Float) value);
            case FLOAT64 -> Values.normalizeDouble((Double) value);
            case BOOLEAN -> (Boolean) value;
            case STRING -> string((String) value, hint);
            case BYTES -> BinaryValue.of(bytes(value));
            default -> throw new CanonicalValueException("column '" + column + "' has unsupported Connect type "
                    + describe(schema));
        };
    }

    private static Object string(String value, ValueKind hint) {
        if (hint == null) {
            return value;
        }
        return switch (hint) {
            case FIXED_CHAR -> Values.stripTrailingSpaces(value);
            case UUID -> value.toLowerCase(Locale.ROOT);
            case JSON -> JsonNormalizer.normalize(value);
            default -> value;
        };
    }

    private static String decimal(String column, Schema schema, Object value) {
        String scaleText = schema.parameters() == null ? null : schema.parameters().get("scale");
        if (scaleText == null) {
            throw new CanonicalValueException("column '" + column + "' is a Connect Decimal without a 'scale' parameter");
        }
        int scale = Integer.parseInt(scaleText);
        BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(new BigInteger(bytes(value)), scale);
        return Decimals.canonical(decimal, scale);
    }

    private static String variableScaleDecimal(Struct struct) {
        int scale = struct.getInt32("scale");
        byte[] unscaled = bytes(struct.get("value"));
        return Decimals.stripped(new BigDecimal(new BigInteger(unscaled), scale));
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] copy = new byte[view.remaining()];
            view.get(copy);
            return copy;
        }
        throw new IllegalArgumentException("expected byte[] or ByteBuffer");
    }

    private static int parseInt(Map<String, String> params, String key) {
        String text = params == null ? null : params.get(key);
        return text == null ? 0 : Integer.parseInt(text);
    }

    private static String describe(Schema schema) {
        return schema.type() + (schema.name() == null ? "" : " '" + schema.name() + "'");
    }
}
