package io.strangler.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaParser;

/**
 * Checks that every current schema (reader) can read data written with its released version (writer), the
 * guarantee consumers rely on when producers are upgraded after them.
 */
final class BackwardCompatibilityChecker {

    private BackwardCompatibilityChecker() {}

    /** Human-readable problems, empty when every current schema reads its released version. */
    static List<String> problems(Path releasedDir, Path currentDir) {
        Map<String, Schema> released = parseDirectory(releasedDir);
        Map<String, Schema> current = parseDirectory(currentDir);
        List<String> problems = new ArrayList<>();
        released.forEach((file, writer) -> {
            Schema reader = current.get(file);
            if (reader == null) {
                problems.add(file + ": released schema " + writer.getFullName() + " was removed from " + currentDir);
                return;
            }
            SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                problems.add(file + " (" + reader.getFullName() + "): current schema cannot read released data: "
                        + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                        + incompatibility.getMessage());
            }
        });
        return problems;
    }

    /**
     * Parses every {@code .avsc} of a directory with one parser, so that files may refer to named types defined in
     * other files (e.g. {@code Operation}), and returns each file's main schema keyed by file name.
     */
    static Map<String, Schema> parseDirectory(Path dir) {
        SchemaParser parser = new SchemaParser();
        Map<String, SchemaParser.ParseResult> parsed = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                parsed.put(file.getFileName().toString(), parser.parse(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schemas from " + dir, e);
        }
        Map<String, Schema> schemas = new TreeMap<>();
        parsed.forEach((file, result) -> schemas.put(file, parser.resolve(result)));
        return schemas;
    }
}
