package io.strangler.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaBackwardCompatibilityTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RELEASED = Path.of("src/test/resources/released");

    @Test
    void shouldReadDataWrittenWithEveryReleasedSchema() {
        // Given the committed copies of the previous release and the current schemas
        // When every current schema is checked as reader against its released writer
        List<String> problems = BackwardCompatibilityChecker.problems(RELEASED, CURRENT);

        // Then none is incompatible
        assertThat(problems).as("backward-incompatible schema changes").isEmpty();
    }

    @Test
    void shouldHaveAReleasedCopyOfEverySchemaFile() {
        assertThat(BackwardCompatibilityChecker.parseDirectory(RELEASED).keySet())
                .containsExactlyElementsOf(BackwardCompatibilityChecker.parseDirectory(CURRENT).keySet());
    }

    @Test
    void shouldReportNewFieldWithoutDefaultNamingSchemaAndField(@TempDir Path current) throws IOException {
        // Given a current RowChange that gained a required field without default
        copyAll(CURRENT, current);
        Path rowChange = current.resolve("RowChange.avsc");
        String breaking = Files.readString(rowChange).replace("\"fields\": [",
                "\"fields\": [\n    {\"name\": \"tenant\", \"type\": \"string\"},");
        Files.writeString(rowChange, breaking);

        // When checked against the released schemas
        List<String> problems = BackwardCompatibilityChecker.problems(RELEASED, current);

        // Then the problem names the schema and the missing default
        assertThat(problems).singleElement().asString()
                .contains("RowChange.avsc", "io.strangler.schemas.RowChange", "READER_FIELD_MISSING_DEFAULT", "tenant");
    }

    @Test
    void shouldReportRemovedEnumSymbol(@TempDir Path current) throws IOException {
        // Given a current Operation enum without READ, which released writers may still emit
        copyAll(CURRENT, current);
        Path operation = current.resolve("Operation.avsc");
        Files.writeString(operation, Files.readString(operation).replace(", \"READ\"", ""));

        // When checked against the released schemas
        List<String> problems = BackwardCompatibilityChecker.problems(RELEASED, current);

        // Then every schema using the enum is reported
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("RowChange.avsc").contains("MISSING_ENUM_SYMBOLS", "[READ]"))
                .anySatisfy(p -> assertThat(p).startsWith("Conflict.avsc").contains("MISSING_ENUM_SYMBOLS", "[READ]"));
    }

    private static void copyAll(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
