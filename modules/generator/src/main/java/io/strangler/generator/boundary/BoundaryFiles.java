package io.strangler.generator.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a boundary file. Two forms:
 * <ul>
 * <li>JSON, as the analyzer writes it: {@code {"service": "orders", "tables": ["public.orders", "order_items"]}}
 *     (other members are ignored, so the analyzer may add its explanations);</li>
 * <li>plain text: one table per line, {@code #} starts a comment; the service name then comes from the caller or
 *     the file name ({@code orders.txt} → {@code orders}).</li>
 * </ul>
 */
public final class BoundaryFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BoundaryFiles() {
    }

    /** @param service overrides the file's service name when not null */
    public static Boundary read(Path file, String service) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String fileName = file.getFileName().toString();
        String baseName = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        return text.stripLeading().startsWith("{") ? fromJson(text, service, file) : fromLines(text, service != null ? service : baseName);
    }

    static Boundary fromJson(String text, String service, Path file) throws IOException {
        JsonNode root = JSON.readTree(text);
        JsonNode tables = root.path("tables");
        if (!tables.isArray()) {
            throw new IllegalArgumentException(file + ": a boundary file needs a \"tables\" array, e.g. "
                    + "{\"service\": \"orders\", \"tables\": [\"public.orders\"]}");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode table : tables) {
            if (!table.isTextual()) {
                throw new IllegalArgumentException(file + ": \"tables\" must hold strings (schema.table), found " + table);
            }
            names.add(table.textValue());
        }
        String name = service != null ? service : root.path("service").asText(null);
        if (name == null) {
            throw new IllegalArgumentException(file + ": the boundary has no \"service\" name; pass --service");
        }
        return Boundary.of(name, names);
    }

    static Boundary fromLines(String text, String service) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\\R")) {
            int comment = line.indexOf('#');
            String table = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!table.isEmpty()) {
                names.add(table);
            }
        }
        return Boundary.of(service, names);
    }
}
