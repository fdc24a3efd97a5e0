package io.strangler.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.consistency.internal.ConsistencyConfigDocProvider;
import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocGenerator;
import io.strangler.core.config.ConfigDocProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyConfigDocsTest {

    // Surefire runs tests in the module directory.
    private static final List<Path> DOCS = List.of(Path.of("../../docs/consistency.md"),
            Path.of("../../docs/configuration.md"));

    @Test
    void shouldDocumentEveryAuditorKeyInConsistencyMdAndConfigurationMd() throws IOException {
        // Given the auditor's registered configuration
        List<ConfigDoc> docs = new ConsistencyConfigDocProvider().configDocs();
        for (Path page : DOCS) {
            if (Boolean.getBoolean("strangler.docs.regenerate")) {
                Files.writeString(page, ConfigDocGenerator.update(Files.readString(page, StandardCharsets.UTF_8), docs));
            }

            // When the committed page is read
            String committed = Files.readString(page, StandardCharsets.UTF_8);

            // Then its generated section matches the ConfigDef
            for (ConfigDoc doc : docs) {
                assertThat(ConfigDocGenerator.findSection(committed, doc))
                        .as("%s is out of date; regenerate with -Dtest=ConsistencyConfigDocsTest"
                                + " -Dstrangler.docs.regenerate=true", page)
                        .isEqualTo(ConfigDocGenerator.section(doc));
            }
        }
        assertThat(ConfigDocProvider.all()).extracting(ConfigDoc::id).contains("consistency");
    }
}
