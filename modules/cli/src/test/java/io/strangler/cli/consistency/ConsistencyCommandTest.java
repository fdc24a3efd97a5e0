package io.strangler.cli.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsistencyCommandTest {

    private final CliRunner cli = new CliRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void shouldBeListedInTheTopLevelHelp() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(cli.out()).contains("consistency");
    }

    @Test
    void shouldRequireTheConfigOption() {
        int exit = run("consistency");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("--config");
    }

    @Test
    void shouldNameTheFileAndTheKeyWhenTheConfigurationIsIncomplete(@TempDir Path dir) throws IOException {
        // Given a configuration without databases
        Path file = Files.writeString(dir.resolve("consistency.properties"), """
                bootstrap.servers=localhost:9092
                schema.registry.url=http://localhost:8081
                strangler.mappings.file=mappings.yaml
                """);

        // When
        int exit = run("consistency", "--config", file.toString());

        // Then it fails before connecting to anything, naming the file and the missing key
        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("consistency.properties").contains("monolith.database.url");
    }
}
