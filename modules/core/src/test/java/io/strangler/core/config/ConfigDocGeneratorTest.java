package io.strangler.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocGeneratorTest {

    private static final ConfigDoc COMMON =
            new ConfigDoc("common", "Common settings", "Read by all.", StranglerConfig.configDef());

    @TempDir
    Path dir;

    @Test
    void shouldReportNoStaleSectionOnAPageHoldingTheGeneratedSection() throws IOException {
        Path page = Files.writeString(dir.resolve("page.md"),
                "# Page\n\n" + ConfigDocGenerator.section(COMMON) + "\n\nmore text\n");

        assertThat(ConfigDocGenerator.staleSections(page, List.of(COMMON))).isEmpty();
    }

    @Test
    void shouldReportAMissingOrEditedSectionAsStale() throws IOException {
        Path missing = Files.writeString(dir.resolve("missing.md"), "# Page without the section\n");
        Path edited = Files.writeString(dir.resolve("edited.md"),
                ConfigDocGenerator.section(COMMON).replace("Read by all.", "Read by some."));

        assertThat(ConfigDocGenerator.staleSections(missing, List.of(COMMON))).containsExactly("common");
        assertThat(ConfigDocGenerator.staleSections(edited, List.of(COMMON))).containsExactly("common");
    }
}
