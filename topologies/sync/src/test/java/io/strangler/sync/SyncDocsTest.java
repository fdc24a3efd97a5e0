package io.strangler.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ConflictKind;
import io.strangler.schemas.Operation;
import io.strangler.sync.example.HigherVersionWins;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/sync.md shows the compiled example resolver, and the example does what the page says. */
class SyncDocsTest {

    private static final Path DOC = Path.of("../../docs/sync.md");
    private static final Path EXAMPLE = Path.of("src/test/java/io/strangler/sync/example/HigherVersionWins.java");

    @Test
    void shouldShowTheCompiledExampleResolverVerbatim() throws IOException {
        // Given
        String source = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        String classBody = source.substring(source.indexOf("public final class")).strip();
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);

        // When
        String begin = "<!-- BEGIN example HigherVersionWins -->";
        String block = doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf("<!-- END example HigherVersionWins -->"))
                .strip();

        // Then
        assertThat(block).isEqualTo("```java\n" + classBody + "\n```");
    }

    @Test
    void shouldLetTheHigherVersionWinInTheExample() {
        // Given
        HigherVersionWins resolver = new HigherVersionWins();
        resolver.configure(Map.of("column", "rev"));
        ConflictInput conflict = new ConflictInput("m", CanonicalKey.of(Map.of("id", 1L)), ConflictKind.UPDATE_UPDATE,
                version(Side.MONOLITH, 3L), version(Side.SERVICE, 4L), Optional.empty(), Map.of());

        // When
        Resolution resolution = resolver.resolve(conflict);

        // Then
        assertThat(resolution.winner()).isEqualTo(Side.SERVICE);
        assertThat(resolution.reason()).isEqualTo("higher or equal rev");
    }

    private static ConflictVersion version(Side side, long rev) {
        return new ConflictVersion(side, Operation.UPDATE, Optional.of(CanonicalRow.of(Map.of("id", 1L, "rev", rev))),
                1_000L, Map.of());
    }
}
