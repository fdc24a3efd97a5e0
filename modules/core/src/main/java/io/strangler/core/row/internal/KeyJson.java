package io.strangler.core.row.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.strangler.core.row.BinaryValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON form of a canonical key; see {@link io.strangler.core.row.CanonicalKey}. */
public final class KeyJson {

    /** Marks a binary key value: {@code {"$bytes":"<base64>"}}. */
    public static final String BYTES_MARKER = "$bytes";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private KeyJson() {
    }

    public static String encode(Map<String, Object> values) {
        StringWriter out = new StringWriter(16 * values.size() + 2);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, Object> entry : values.entrySet()) {
                generator.writeFieldName(entry.getKey());
                Object value = entry.getValue();
                if (value instanceof Long l) {
                    generator.writeNumber(l);
                } else if (value instanceof Double d) {
                    generator.writeNumber(d);
                } else if (value instanceof Boolean b) {
                    generator.writeBoolean(b);
                } else if (value instanceof String s) {
                    generator.writeString(s);
                } else if (value instanceof BinaryValue binary) {
                    generator.writeStartObject();
                    generator.writeStringField(BYTES_MARKER, binary.toBase64());
                    generator.writeEndObject();
                } else {
                    throw new IllegalArgumentException("key column '" + entry.getKey() + "' holds " + value);
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static Map<String, Object> decode(String encoded) {
        JsonNode root;
        try {
            root = encoded == null ? null : MAPPER.readTree(encoded);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a canonical key: '" + encoded + "': " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a canonical key (expected a JSON object): '" + encoded + "'");
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), value(field.getKey(), field.getValue(), encoded));
        }
        return values;
    }

    private static Object value(String column, JsonNode node, String encoded) {
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new IllegalArgumentException("key column '" + column + "' is out of long range in '" + encoded + "'");
            }
            return node.longValue();
        }
        if (node.isFloatingPointNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isObject() && node.size() == 1 && node.get(BYTES_MARKER) != null && node.get(BYTES_MARKER).isTextual()) {
            try {
                return BinaryValue.ofBase64(node.get(BYTES_MARKER).textValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key column '" + column + "' has invalid base64 in '" + encoded + "'", e);
            }
        }
        throw new IllegalArgumentException("key column '" + column + "' has unsupported JSON " + node.getNodeType()
                + " in '" + encoded + "'");
    }
}
