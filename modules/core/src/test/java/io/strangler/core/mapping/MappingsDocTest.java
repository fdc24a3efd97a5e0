package io.strangler.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MappingsDocTest {

    @Test
    void shouldShowTheTestedExampleInDocs() throws IOException {
        // Given
        String docs = Files.readString(Path.of("../../docs/mappings.md"), StandardCharsets.UTF_8);
        String example = Files.readString(Path.of("src/test/resources/mappings-example.yaml"), StandardCharsets.UTF_8);

        // When
        int start = docs.indexOf("```yaml\n") + "```yaml\n".length();
        String shown = docs.substring(start, docs.indexOf("```", start));

        // Then
        assertThat(shown).as("docs/mappings.md must show modules/core/src/test/resources/mappings-example.yaml verbatim")
                .isEqualTo(example);
        assertThat(Mappings.parse("mappings.md", shown).mappings()).hasSize(4);
    }
}
