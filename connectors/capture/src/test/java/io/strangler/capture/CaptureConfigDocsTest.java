package io.strangler.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.capture.internal.CaptureConfigDocProvider;
import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocGenerator;
import io.strangler.core.config.ConfigDocProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureConfigDocsTest {

    // Surefire runs tests in the module directory.
    private static final Path DOCS = Path.of("../../docs/configuration.md");

    @Test
    void shouldDocumentEveryCaptureKeyInConfigurationMd() throws IOException {
        // Given the capture processor's registered configuration
        List<ConfigDoc> docs = new CaptureConfigDocProvider().configDocs();

        // When the committed page is compared with the ConfigDef (regenerated first with -Dstrangler.docs.regenerate=true)
        List<String> stale = ConfigDocGenerator.staleSections(DOCS, docs);

        // Then no section is out of date, and the provider is registered
        assertThat(stale)
                .as("docs/configuration.md is out of date; regenerate with -Dtest=CaptureConfigDocsTest"
                        + " -Dstrangler.docs.regenerate=true")
                .isEmpty();
        assertThat(ConfigDocProvider.all()).extracting(ConfigDoc::id).contains("capture");
    }
}
