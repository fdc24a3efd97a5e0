package io.strangler.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.apply.internal.ApplyConfigDocProvider;
import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocGenerator;
import io.strangler.core.config.ConfigDocProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyConfigDocsTest {

    // Surefire runs tests in the module directory.
    private static final Path DOCS = Path.of("../../docs/apply.md");

    @Test
    void shouldDocumentEveryApplyKeyInDocsApplyMd() throws IOException {
        // Given the apply sink's registered configuration
        List<ConfigDoc> docs = new ApplyConfigDocProvider().configDocs();
        if (Boolean.getBoolean("strangler.docs.regenerate")) {
            Files.writeString(DOCS, ConfigDocGenerator.update(Files.readString(DOCS, StandardCharsets.UTF_8), docs));
        }

        // When the committed page is read
        String committed = Files.readString(DOCS, StandardCharsets.UTF_8);

        // Then its generated section matches the ConfigDef, and the provider is registered for docs/configuration.md
        for (ConfigDoc doc : docs) {
            assertThat(ConfigDocGenerator.findSection(committed, doc))
                    .as("docs/apply.md is out of date; regenerate with -Dtest=ApplyConfigDocsTest -Dstrangler.docs.regenerate=true")
                    .isEqualTo(ConfigDocGenerator.section(doc));
        }
        assertThat(ConfigDocProvider.all()).extracting(ConfigDoc::id).contains("apply");
    }
}
