package io.strangler.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.cli.CliRunner;
import io.strangler.cli.StranglerCommand;
import io.strangler.core.config.ConfigFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --set KEY=VALUE}: how a container overrides the hosts and passwords of a mounted example. */
class ConfigOverridesTest {

    @TempDir
    Path dir;

    private final CliRunner cli = new CliRunner();

    @Test
    void shouldPutRepeatedSetOptionsOverTheFileAndResolveTheirReferences() throws IOException {
        // Given: an example as mounted, and a password kept in another file (as a Kubernetes Secret volume would)
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "monolith=s3cret\n");
        Path example = Files.writeString(dir.resolve("capture.properties"),
                "database.hostname=localhost\ndatabase.port=5432\ndatabase.password=change-me\n");

        // When
        ProcessorOptions options = parse("run", "capture", "--config", example.toString(),
                "--set", "database.hostname=monolith-db", "--set", "database.hostname=monolith-db-2",
                "--set", "database.password=${file:" + secrets + ":monolith}");
        Map<String, String> values = ConfigFiles.read(options.config(), options.overrides());

        // Then: the last --set of a key wins, the untouched keys keep the file's values
        assertThat(values).containsEntry("database.hostname", "monolith-db-2").containsEntry("database.port", "5432")
                .containsEntry("database.password", "s3cret");
    }

    @Test
    void shouldMaskASecretGivenThroughSetAndMarkOverriddenKeysInTheBanner() throws IOException {
        Path example = Files.writeString(dir.resolve("apply.properties"), "database.url=jdbc:postgresql://x/y\n");
        ProcessorOptions options = parse("run", "apply", "--config", example.toString(),
                "--set", "database.password=s3cret", "--set", "database.url=jdbc:postgresql://service-db/shop");

        String banner = ProcessorRunner.banner("apply", options.config(),
                ConfigFiles.read(options.config(), options.overrides()), options.overrides().keySet());

        assertThat(banner).doesNotContain("s3cret").contains("database.password = [hidden]  (--set)")
                .contains("database.url = jdbc:postgresql://service-db/shop  (--set)");
    }

    @Test
    void shouldRejectAKeyThatIsNoConfigurationKey() throws IOException {
        Path example = Files.writeString(dir.resolve("sync.properties"), "application.id=x\n");

        int exit = cli.run("run", "sync", "--config", example.toString(), "--set", "database password=x");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("--set: 'database password' is not a configuration key");
    }

    @Test
    void shouldRejectASetWithoutAValue() throws IOException {
        Path example = Files.writeString(dir.resolve("sync.properties"), "application.id=x\n");

        int exit = cli.run("run", "sync", "--config", example.toString(), "--set", "database.hostname");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("--set").contains("KEY=VALUE");
    }

    @Test
    void shouldDocumentSetInEveryProcessorsHelpWithTheReferenceSyntax() {
        for (String[] command : new String[][] {{"run", "capture"}, {"run", "apply"}, {"run", "sync"},
                {"run", "consistency"}, {"sync"}, {"router", "run"}}) {
            CliRunner help = new CliRunner();
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--help")).toArray(String[]::new);

            assertThat(help.run(args)).as(String.join(" ", command)).isZero();
            assertThat(help.out()).as(String.join(" ", command)).contains("--set=KEY=VALUE")
                    .contains("${env:").doesNotContain("$${");
        }
    }

    private static ProcessorOptions parse(String... args) {
        CommandLine.ParseResult result = StranglerCommand.newCommandLine().parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        Object command = result.commandSpec().userObject();
        return ((RunCommand.ProcessorCommand) command).options;
    }
}
