package io.strangler.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.consistency.internal.ConsistencyConfigDocProvider;
import io.strangler.core.config.ConfigDoc;
import io.strangler.core.config.ConfigDocGenerator;
import io.strangler.core.config.ConfigDocProvider;
import java.io.IOException;
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
            // When each committed page is compared with the ConfigDef (regenerated first with
            // -Dstrangler.docs.regenerate=true)
            List<String> stale = ConfigDocGenerator.staleSections(page, docs);

            // Then no section is out of date
            assertThat(stale)
                    .as("%s is out of date; regenerate with -Dtest=ConsistencyConfigDocsTest"
                            + " -Dstrangler.docs.regenerate=true", page)
                    .isEmpty();
        }
        assertThat(ConfigDocProvider.all()).extracting(ConfigDoc::id).contains("consistency");
    }
}
