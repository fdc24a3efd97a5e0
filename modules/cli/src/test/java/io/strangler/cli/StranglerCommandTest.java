package io.strangler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StranglerCommandTest {

    private final CliRunner cli = new CliRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void shouldListEverySubcommandInHelp() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(cli.out()).contains("Usage: strangler").contains("env").contains("demo");
    }

    @Test
    void shouldPrintTheBuildVersion() {
        int exit = run("--version");

        assertThat(exit).isZero();
        assertThat(cli.out()).startsWith("strangler ").doesNotContain("unknown").contains("Java");
    }

    @Test
    void shouldRejectAnUnknownSubcommandWithUsageError() {
        int exit = run("teleport");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("teleport");
    }

    @Test
    void shouldParseHumanDurations() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldNameTheBadValueWhenADurationCannotBeParsed() {
        int exit = run("demo", "--duration", "soon");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.err()).contains("'soon' is not a duration");
    }
}
