package io.strangler.cli.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.cli.StranglerCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplicateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = StranglerCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void shouldOfferReplicateWithItsOptionsInHelp() {
        // When
        int exit = run("replicate", "--help");

        // Then
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("--config").contains("--parts").contains("--status-interval");
    }

    @Test
    void shouldNameTheFileAndTheMissingKeyOfABadConfiguration(@TempDir Path dir) throws IOException {
        // Given a file without the Kafka brokers
        Path file = dir.resolve("replicate.properties");
        Files.writeString(file, "schema.registry.url=http://localhost:8081\nstrangler.mappings.file=m.yaml\n");

        // When
        int exit = run("replicate", "--config", file.toString());

        // Then
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(file.toString()).contains("bootstrap.servers");
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
        assertThat(err.toString()).contains("teleport");
    }
}
