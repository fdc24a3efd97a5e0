package com.example.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/getting-started.md shows the compiled quick start verbatim, so the page cannot go stale. */
class GettingStartedDocTest {

    private static final Path DOC = Path.of("../../docs/getting-started.md");
    private static final Path SOURCES = Path.of("src/main/java/com/example/migration");

    @ParameterizedTest
    @ValueSource(strings = {"QuickStart.java", "HigherValueWins.java"})
    void shouldShowTheExampleFileVerbatim(String file) throws IOException {
        // Given
        String source = Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8);
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String begin = "<!-- BEGIN example " + file + " -->";
        String end = "<!-- END example " + file + " -->";
        assertThat(doc).as("the page marks the example").contains(begin, end);

        // When
        String block = doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf(end)).strip();

        // Then
        assertThat(block).isEqualTo("```java\n" + source.strip() + "\n```");
    }
}
