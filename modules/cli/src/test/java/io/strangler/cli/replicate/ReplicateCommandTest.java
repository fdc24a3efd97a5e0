package io.strangler.cli.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicateCommandTest {

    private final CliRunner cli = new CliRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void shouldOfferReplicateWithItsOptionsInHelp() {
        // When
        int exit = run("replicate", "--help");

        // Then
        assertThat(exit).isZero();
        assertThat(cli.out()).contains("--config").contains("--parts").contains("--status-interval");
    }

    @Test
    void shouldNameTheFileAndTheMissingKeyOfABadConfiguration(@TempDir Path dir) throws IOException {
        // Given a file without the Kafka brokers
        Path file = dir.resolve("replicate.properties");
        Files.writeString(file, "schema.registry.url=http://localhost:8081\nstrangler.mappings.file=m.yaml\n");

        // When
        int exit = run("replicate", "--config", file.toString());

        // Then
        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains(file.toString()).contains("bootstrap.servers");
    }

    @Test
    void shouldRejectAnUnknownPart(@TempDir Path dir) throws IOException {
        // Given
        Path file = dir.resolve("replicate.properties");
        Files.writeString(file, "bootstrap.servers=localhost:9092\n");

        // When
        int exit = run("replicate", "--config", file.toString(), "--parts", "capture,teleport");

        // Then
        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("teleport");
    }
}
