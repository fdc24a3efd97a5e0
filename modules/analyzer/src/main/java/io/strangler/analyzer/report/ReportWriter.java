package io.strangler.analyzer.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every output of an analysis into one directory:
 * <pre>
 * report.json  report.md  boundaries.dot
 * boundaries/&lt;service&gt;.boundary.json     (the generator's input, one per recommended service)
 * mappings/&lt;service&gt;-mappings.yaml       (the sync's starting mappings, one per recommended service)
 * </pre>
 * Boundary and mapping files of services no longer recommended are removed, so the directory never offers a stale
 * service to the generator.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static List<Path> write(AnalysisResult result, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            written.add(write(dir.resolve("report.json"), JsonReport.render(result)));
            written.add(write(dir.resolve("report.md"), MarkdownReport.render(result)));
            written.add(write(dir.resolve("boundaries.dot"), Diagrams.dot(result.recommended())));
            Path boundaries = clean(dir.resolve("boundaries"), ".boundary.json");
            Path mappings = clean(dir.resolve("mappings"), "-mappings.yaml");
            for (ServiceBoundary service : result.recommended().services()) {
                written.add(write(boundaries.resolve(BoundaryFile.fileName(service)), BoundaryFile.render(service)));
                written.add(write(mappings.resolve(MappingsFile.fileName(service)),
                        MappingsFile.render(service, result.runId())));
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the analysis into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static Path clean(Path dir, String suffix) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                Files.delete(file);
            }
        }
        return dir;
    }
}
