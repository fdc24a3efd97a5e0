package io.strangler.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDocsUpToDateTest {

    // Surefire runs tests in the module directory.
    private static final Path DOCS = Path.of("../../docs/configuration.md");

    @Test
    void shouldHaveCommittedConfigurationReferenceMatchingTheConfigDefs() throws IOException {
        // Given
        List<ConfigDoc> docs = ConfigDocProvider.all();
        if (Boolean.getBoolean("strangler.docs.regenerate")) {
            ConfigDocGenerator.write(DOCS, docs);
        }

        // When
        String committed = Files.exists(DOCS) ? Files.readString(DOCS, StandardCharsets.UTF_8) : "";

        // Then
        assertThat(docs).extracting(ConfigDoc::id).contains("common", "database");
        for (ConfigDoc doc : docs) {
            assertThat(ConfigDocGenerator.findSection(committed, doc))
                    .as("docs/configuration.md is out of date (section '%s'); regenerate it from the repository root with:%n  %s",
                            doc.id(), ConfigDocGenerator.REGENERATE_COMMAND)
                    .isEqualTo(ConfigDocGenerator.section(doc));
        }
    }

    @Test
    void shouldReplaceOwnSectionsAndKeepOthers() {
        // Given
        ConfigDoc doc = new ConfigDoc("common", "Common settings", "Read by all.", StranglerConfig.configDef());
        String existing = "# Title\n\n<!-- BEGIN other -->\nkept\n<!-- END other -->\n\n<!-- BEGIN common -->\nstale\n<!-- END common -->\n";

        // When
        String updated = ConfigDocGenerator.update(existing, List.of(doc));

        // Then
        assertThat(updated).contains("<!-- BEGIN other -->\nkept\n<!-- END other -->").doesNotContain("stale");
        assertThat(ConfigDocGenerator.findSection(updated, doc)).isEqualTo(ConfigDocGenerator.section(doc));
        assertThat(ConfigDocGenerator.section(doc))
                .contains("| `strangler.topic.prefix` | string | `strangler` | dot-separated words of [A-Za-z0-9_-], at most 100 characters | medium |")
                .contains("| `bootstrap.servers` | list | (required) | non-empty list of host:port | high |");
    }
}
