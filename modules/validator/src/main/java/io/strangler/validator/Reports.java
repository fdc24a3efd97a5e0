package io.strangler.validator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strangler.validator.internal.JsonValues;
import io.strangler.validator.internal.ReportText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a {@link ValidationResult} as JSON (complete: every listed discrepancy with both rows), Markdown and a
 * static HTML page (summaries plus the first discrepancies per table).
 * <pre>{@code
 * List<Path> files = Reports.write(result, Path.of("reports"));  // validation-<runId>.json, .md, .html
 * }</pre>
 */
public final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    public static String json(ValidationResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", result.runId()).put("started", result.started().toString())
                .put("finished", result.finished().toString()).put("complete", true)
                .put("consistencyPercent", result.consistencyPercent()).put("distinctKeys", result.distinctKeys())
                .put("discrepancies", result.discrepancyCount());
        ArrayNode tables = root.putArray("tables");
        for (TableValidation table : result.tables()) {
            ObjectNode node = tables.addObject();
            node.put("mapping", table.mapping()).put("monolithTable", table.monolithTable())
                    .put("serviceTable", table.serviceTable()).put("mode", table.mode().label())
                    .put("monolithRows", table.monolithRows()).put("serviceRows", table.serviceRows())
                    .put("matchingRows", table.matchingRows()).put("missingOnService", table.missingOnService())
                    .put("missingOnMonolith", table.missingOnMonolith()).put("differingRows", table.differingRows())
                    .put("consistencyPercent", table.consistencyPercent()).put("segments", table.segments())
                    .put("rowsMerged", table.rowsMerged()).put("detailsTruncated", table.detailsTruncated())
                    .put("foreignKeysChecked", table.orphans().checked())
                    .put("orphansOnMonolith", table.orphans().onMonolith())
                    .put("orphansOnService", table.orphans().onService());
            ArrayNode details = node.putArray("discrepancies");
            table.discrepancies().forEach(discrepancy -> details.add(JsonValues.discrepancy(discrepancy)));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String markdown(ValidationResult result) {
        return ReportText.markdown(result);
    }

    public static String html(ValidationResult result) {
        return ReportText.html(result);
    }

    /** Writes {@code validation-<runId>.json}, {@code .md} and {@code .html} into {@code directory}. */
    public static List<Path> write(ValidationResult result, Path directory) {
        try {
            Files.createDirectories(directory);
            String base = "validation-" + result.runId();
            Path json = Files.writeString(directory.resolve(base + ".json"), json(result), StandardCharsets.UTF_8);
            Path md = Files.writeString(directory.resolve(base + ".md"), markdown(result), StandardCharsets.UTF_8);
            Path html = Files.writeString(directory.resolve(base + ".html"), html(result), StandardCharsets.UTF_8);
            return List.of(json, md, html);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports into " + directory, e);
        }
    }
}
