package io.strangler.router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a route table from YAML (or JSON, which is YAML). Unknown keys, wrong types and invalid values are errors
 * that name the file, the key path and, where the parser knows it, the line.
 *
 * <pre>{@code
 * backends:
 *   monolith: { url: "http://127.0.0.1:8080" }
 *   orders:   { url: "http://127.0.0.1:8081", responseTimeoutMs: 2000, healthPath: /health }
 * flags:
 *   orders-beta: { enabled: true, users: [alice] }
 * routes:
 *   - id: orders
 *     match: { pathPrefix: /orders }
 *     stable: monolith
 *     candidate: orders
 *     weight: 10
 *     stickyKey: header:X-User-Id
 * }</pre>
 */
public final class RoutesFile {

    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private RoutesFile() {
    }

    public static RouteTable load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RouteConfigException(file + ": cannot read routes file: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** @param source name used in error messages, e.g. the file name */
    public static RouteTable parse(String text, String source) {
        try {
            JsonNode root = YAML.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                return RouteTable.empty();
            }
            if (!root.isObject()) {
                throw new RouteConfigException(source + ": the top level must be a map with backends, routes, flags");
            }
            nameEntries(root.get("backends"), "name");
            nameEntries(root.get("flags"), "key");
            return YAML.treeToValue(root, RouteTable.class);
        } catch (JsonMappingException e) {
            throw new RouteConfigException(source + ": " + describe(e), e);
        } catch (JsonProcessingException e) {
            throw new RouteConfigException(source + ": not valid YAML: " + e.getOriginalMessage()
                    + location(e), e);
        }
    }

    static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    }

    /** Map entries carry their name as the key; copy it into the object so the record sees it. */
    private static void nameEntries(JsonNode map, String field) {
        if (map == null || !map.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isObject() && !entry.getValue().has(field)) {
                ((ObjectNode) entry.getValue()).put(field, entry.getKey());
            }
        }
    }

    private static String describe(JsonMappingException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof RouteConfigException)) {
            cause = cause.getCause();
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String where = path.length() == 0 ? "" : "at " + path + ": ";
        String what = cause != null ? cause.getMessage() : e.getOriginalMessage();
        return where + what;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
