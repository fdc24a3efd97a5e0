package io.strangler.core.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strangler.core.registry.CompatibilityLevel;
import io.strangler.core.registry.internal.StoreRecord.ConfigEntry;
import io.strangler.core.registry.internal.StoreRecord.SchemaEntry;

/**
 * JSON form of {@link StoreRecord}s in the compacted topic. The key identifies what a record replaces, so compaction
 * keeps the last state of each (subject, version) and each config; a cleared config is a tombstone.
 */
final class StoreRecordCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreRecordCodec() {}

    static String key(StoreRecord record) {
        ObjectNode key = JSON.createObjectNode();
        if (record instanceof SchemaEntry e) {
            key.put("keytype", "SCHEMA").put("subject", e.subject()).put("version", e.version());
        } else if (record instanceof ConfigEntry c) {
            key.put("keytype", "CONFIG").put("subject", c.subject());
        }
        return key.toString();
    }

    /** The value, or null (a tombstone) for a cleared config. */
    static String value(StoreRecord record) {
        if (record instanceof SchemaEntry e) {
            return JSON.createObjectNode().put("subject", e.subject()).put("version", e.version()).put("id", e.id())
                    .put("schema", e.schema()).put("deleted", e.deleted()).toString();
        }
        ConfigEntry c = (ConfigEntry) record;
        return c.level() == null ? null : JSON.createObjectNode().put("compatibilityLevel", c.level().name()).toString();
    }

    /**
     * @param where topic/partition/offset, for the error message
     */
    static StoreRecord decode(String keyText, String valueText, String where) {
        try {
            JsonNode key = JSON.readTree(keyText);
            String type = key.path("keytype").asText();
            switch (type) {
                case "SCHEMA" -> {
                    if (valueText == null) {
                        return null; // a removed version: nothing to restore
                    }
                    JsonNode value = JSON.readTree(valueText);
                    return new SchemaEntry(value.path("subject").asText(), value.path("version").asInt(),
                            value.path("id").asInt(), value.path("schema").asText(), value.path("deleted").asBoolean());
                }
                case "CONFIG" -> {
                    String subject = key.path("subject").isNull() ? null : key.path("subject").asText(null);
                    CompatibilityLevel level = valueText == null ? null
                            : CompatibilityLevel.parse(JSON.readTree(valueText).path("compatibilityLevel").asText());
                    return new ConfigEntry(subject, level);
                }
                default -> throw new IllegalStateException("Unknown record type '" + type + "' at " + where);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("Unreadable schema registry record at " + where + ": " + e.getMessage(), e);
        }
    }
}
