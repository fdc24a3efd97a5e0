package io.strangler.core.mapping;

import io.strangler.core.mapping.internal.MappingsParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mappings of one mappings file, in file order.
 * <pre>{@code
 * Mappings mappings = Mappings.load(Path.of("mappings.yaml"));
 * Mapping orders = mappings.get("orders");
 * }</pre>
 */
public record Mappings(List<Mapping> mappings) {

    public Mappings {
        mappings = List.copyOf(mappings);
        Set<String> names = new HashSet<>();
        for (Mapping mapping : mappings) {
            if (!names.add(mapping.name())) {
                throw new MappingException(mapping.name(), "name", "duplicate mapping name");
            }
        }
    }

    /** Reads and parses a mappings file; errors name the file by its file name. */
    public static Mappings load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new MappingException(file.toString(), -1, -1, null, null, "cannot read the mappings file: " + e);
        }
        Path fileName = file.getFileName();
        return parse(fileName == null ? file.toString() : fileName.toString(), text);
    }

    /** Parses YAML text; {@code source} prefixes error messages (usually the file name). */
    public static Mappings parse(String source, String yaml) {
        return new Mappings(MappingsParser.parse(source, yaml));
    }

    public Optional<Mapping> find(String name) {
        return mappings.stream().filter(mapping -> mapping.name().equals(name)).findFirst();
    }

    /** The mapping called {@code name}; throws {@link MappingException} if there is none. */
    public Mapping get(String name) {
        return find(name).orElseThrow(() -> new MappingException(name, null, "no such mapping (known: "
                + String.join(", ", mappings.stream().map(Mapping::name).toList()) + ")"));
    }
}
