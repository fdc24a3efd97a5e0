package io.strangler.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.replicate.internal.ReplicateConfigDocProvider;
import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocGenerator;
import io.strangler.core.config.ConfigDocProvider;
import java.io.IOException;
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

        // When the committed page is compared with the ConfigDef (regenerated first with -Dstrangler.docs.regenerate=true)
        List<String> stale = ConfigDocGenerator.staleSections(DOCS, docs);

        // Then no section is out of date, and the provider is registered for docs/configuration.md
        assertThat(stale)
                .as("docs/replicate.md is out of date; regenerate with -Dtest=ReplicateConfigDocsTest -Dstrangler.docs.regenerate=true")
                .isEmpty();
        assertThat(ConfigDocProvider.all()).extracting(ConfigDoc::id).contains("replicate");
    }
}
