package io.strangler.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.replicate.internal.ReplicateConfigDocProvider;
import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocGenerator;
import io.strangler.core.config.ConfigDocProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicateConfigDocsTest {

    // Surefire runs tests in the module directory.
    private static final Path DOCS = Path.of("../../docs/replicate.md");

    @Test
    void shouldDocumentEveryReplicateKeyInDocsReplicateMd() throws IOException {
        // Given the replicate stage's registered configuration
        List<ConfigDoc> docs = new ReplicateConfigDocProvider().configDocs();
        if (Boolean.getBoolean("strangler.docs.regenerate")) {
            Files.writeString(DOCS, ConfigDocGenerator.update(Files.readString(DOCS, StandardCharsets.UTF_8), docs));
        }

        // When the committed page is read
        String committed = Files.readString(DOCS, StandardCharsets.UTF_8);

        // Then its generated section matches the ConfigDef, and the provider is registered for docs/configuration.md
        for (ConfigDoc doc : docs) {
            assertThat(ConfigDocGenerator.findSection(committed, doc))
                    .as("docs/replicate.md is out of date; regenerate with -Dtest=ReplicateConfigDocsTest -Dstrangler.docs.regenerate=true")
                    .isEqualTo(ConfigDocGenerator.section(doc));
        }
        assertThat(ConfigDocProvider.all()).extracting(ConfigDoc::id).contains("replicate");
    }
}
