package io.strangler.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.OneSidedColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes mappings as the mappings file every processor reads ({@code strangler.mappings.file}): the API hands the
 * processors the same file a user would, so they load, validate and resolve it exactly as under the CLI.
 */
public final class MappingsYaml {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private MappingsYaml() {
    }

    /**
     * The YAML text of {@code mappings}; parsing it gives them back (checked, so that a field this writer missed can
     * never silently change what the sync does).
     */
    public static String render(Mappings mappings) {
        List<Map<String, Object>> items = mappings.mappings().stream().map(MappingsYaml::mapping).toList();
        String text;
        try {
            text = "# written by the Strangler Java API (io.strangler.api); see docs/mappings.md\n"
                    + YAML.writeValueAsString(Map.of("mappings", items));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the mappings as YAML: " + e.getMessage(), e);
        }
        Mappings parsed = Mappings.parse("generated mappings", text);
        if (!parsed.equals(mappings)) {
            throw new IllegalStateException("the generated mappings file does not read back as the mappings given:\n"
                    + text);
        }
        return text;
    }

    /** Writes {@code mappings.yaml} into {@code directory} (created if missing) and returns its path. */
    public static Path write(Path directory, Mappings mappings) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("mappings.yaml");
            Files.writeString(file, render(mappings), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mappings file into " + directory, e);
        }
    }

    private static Map<String, Object> mapping(Mapping mapping) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", mapping.name());
        out.put("monolith", Map.of("schema", mapping.monolith().schema(), "table", mapping.monolith().table()));
        out.put("service", Map.of("schema", mapping.service().schema(), "table", mapping.service().table()));
        if (!mapping.keyColumns().isEmpty()) {
            out.put("key", mapping.keyColumns());
        }
        if (!mapping.renames().isEmpty()) {
            out.put("columns", mapping.renames());
        }
        if (!mapping.monolithOnly().isEmpty()) {
            out.put("monolith-only", mapping.monolithOnly().stream().map(MappingsYaml::oneSided).toList());
        }
        if (!mapping.serviceOnly().isEmpty()) {
            out.put("service-only", mapping.serviceOnly().stream().map(MappingsYaml::oneSided).toList());
        }
        if (!mapping.excludeMonolith().isEmpty() || !mapping.excludeService().isEmpty()) {
            Map<String, Object> exclude = new LinkedHashMap<>();
            exclude.put("monolith", mapping.excludeMonolith());
            exclude.put("service", mapping.excludeService());
            out.put("exclude", exclude);
        }
        out.put("direction", mapping.direction().label());
        out.put("conflict", conflict(mapping.conflict()));
        if (!mapping.counters().isEmpty()) {
            out.put("counters", mapping.counters());
        }
        return out;
    }

    private static Map<String, Object> oneSided(OneSidedColumn column) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("column", column.name());
        out.put("default", column.defaultValue());
        return out;
    }

    private static Map<String, Object> conflict(ConflictStrategy strategy) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("strategy", strategy.strategyName());
        if (strategy instanceof ConflictStrategy.LastWriteWins lww) {
            out.put("clock-skew-window", lww.clockSkewWindow().toString());
            out.put("priority", lww.prioritySide().label());
        } else if (strategy instanceof ConflictStrategy.ColumnMerge merge) {
            out.put("clock-skew-window", merge.clockSkewWindow().toString());
            out.put("priority", merge.prioritySide().label());
        } else if (strategy instanceof ConflictStrategy.Priority priority) {
            out.put("priority", priority.side().label());
        } else if (strategy instanceof ConflictStrategy.Custom custom) {
            out.put("class", custom.className());
            out.put("params", new LinkedHashMap<>(custom.params()));
        }
        return out;
    }
}
