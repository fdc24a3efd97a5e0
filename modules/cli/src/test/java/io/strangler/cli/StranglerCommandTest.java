package io.strangler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StranglerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = StranglerCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void shouldListEverySubcommandInHelp() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: strangler").contains("env").contains("demo");
    }

    @Test
    void shouldPrintTheBuildVersion() {
        int exit = run("--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("strangler ").doesNotContain("unknown").contains("Java");
    }

    @Test
    void shouldRejectAnUnknownSubcommandWithUsageError() {
        int exit = run("teleport");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("teleport");
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
        assertThat(err.toString()).contains("'soon' is not a duration");
    }
}
