package io.strangler.validator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.validator.ColumnDifference;
import io.strangler.validator.Discrepancy;
import io.strangler.validator.DiscrepancyKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical values and discrepancies as JSON, for reports and checkpoints: Long as an integer, Double as a number
 * with a fraction, bytes as {@code {"$bytes":"<base64>"}}. Reading gives back equal canonical values.
 */
public final class JsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonValues() {
    }

    public static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof BinaryValue bytes) {
            return NODES.objectNode().put("$bytes", bytes.toBase64());
        }
        return NODES.textNode(value.toString());
    }

    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isObject() && node.has("$bytes")) {
            return BinaryValue.ofBase64(node.get("$bytes").asText());
        }
        return node.asText();
    }

    public static ObjectNode map(Map<String, Object> values) {
        ObjectNode out = NODES.objectNode();
        values.forEach((name, value) -> out.set(name, value(value)));
        return out;
    }

    public static Map<String, Object> toMap(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.put(field.getKey(), fromJson(field.getValue()));
        }
        return out;
    }

    public static ObjectNode discrepancy(Discrepancy discrepancy) {
        ObjectNode out = NODES.objectNode();
        out.put("kind", discrepancy.kind().label());
        out.set("key", map(discrepancy.key().values()));
        if (discrepancy.monolithRow() != null) {
            out.set("monolith", map(discrepancy.monolithRow().values()));
        }
        if (discrepancy.serviceRow() != null) {
            out.set("service", map(discrepancy.serviceRow().values()));
        }
        if (discrepancy.foreignKey() != null) {
            out.put("foreignKey", discrepancy.foreignKey());
        }
        if (!discrepancy.columns().isEmpty()) {
            var columns = out.putArray("columns");
            for (ColumnDifference difference : discrepancy.columns()) {
                ObjectNode column = columns.addObject();
                column.put("column", difference.column());
                column.set("monolith", value(difference.monolithValue()));
                column.set("service", value(difference.serviceValue()));
            }
        }
        return out;
    }

    public static Discrepancy toDiscrepancy(JsonNode node) {
        DiscrepancyKind kind = DiscrepancyKind.valueOf(node.get("kind").asText().replace('-', '_').toUpperCase(java.util.Locale.ROOT));
        CanonicalKey key = CanonicalKey.of(toMap(node.get("key")));
        CanonicalRow monolith = node.has("monolith") ? CanonicalRow.of(toMap(node.get("monolith"))) : null;
        CanonicalRow service = node.has("service") ? CanonicalRow.of(toMap(node.get("service"))) : null;
        List<ColumnDifference> columns = new ArrayList<>();
        if (node.has("columns")) {
            for (JsonNode column : node.get("columns")) {
                columns.add(new ColumnDifference(column.get("column").asText(), fromJson(column.get("monolith")),
                        fromJson(column.get("service"))));
            }
        }
        String foreignKey = node.has("foreignKey") ? node.get("foreignKey").asText() : null;
        return new Discrepancy(kind, key, monolith, service, columns, foreignKey);
    }
}
