package io.strangler.core.mapping.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.strangler.core.mapping.MappingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into {@link YamlNode}s with positions. Jackson's own tree forgets positions, and data binding
 * stops at the first error without the mapping's name, so we walk the token stream ourselves.
 */
public final class YamlTreeReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTreeReader() {
    }

    /** Parses one YAML document; an empty document gives a null scalar. */
    public static YamlNode read(String source, String yaml) {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode.ScalarNode(1, 1, null);
            }
            return readValue(source, parser);
        }
        catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            int line = location == null ? -1 : location.getLineNr();
            int column = location == null ? -1 : location.getColumnNr();
            String detail = "invalid YAML: " + firstLine(e.getOriginalMessage());
            throw new MappingException(source, line, column, null, null, detail);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static YamlNode readValue(String source, JsonParser parser) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                Map<String, int[]> positions = new HashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonLocation keyAt = parser.currentTokenLocation();
                    if (entries.containsKey(key)) {
                        throw new MappingException(source, keyAt.getLineNr(), keyAt.getColumnNr(), null, key,
                                "duplicate key '" + key + "'");
                    }
                    positions.put(key, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
                    parser.nextToken();
                    entries.put(key, readValue(source, parser));
                }
                return new YamlNode.MapNode(line, column, entries, positions);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(source, parser));
                }
                return new YamlNode.ListNode(line, column, items);
            }
            case VALUE_STRING -> {
                return new YamlNode.ScalarNode(line, column, parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlNode.ScalarNode(line, column, parser.getNumberValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.ScalarNode(line, column, parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return new YamlNode.ScalarNode(line, column, null);
            }
            default -> throw new MappingException(source, line, column, null, null,
                    "unsupported YAML token " + token);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
