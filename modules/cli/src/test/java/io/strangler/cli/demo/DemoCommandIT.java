package io.strangler.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.cli.StranglerCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code strangler demo} end to end: the live monolith is copied into the service, then both are written at once and
 * the sync keeps them identical, as the batch validator proves table by table.
 */
class DemoCommandIT {

    @TempDir
    Path workDir;

    @Test
    void shouldSyncBothLiveDatabasesAndProveThemIdenticalTableByTable() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = StranglerCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("demo", "--duration", "5s", "--rows", "50", "--rate", "50",
                "--work-dir", workDir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("bootstrap done: the service holds a copy of the monolith.")
                .containsPattern("service workload : [1-9]\\d* operations committed")
                .containsPattern("\\d+ applied to the service, [1-9]\\d* to the monolith, 0 dead letters")
                .contains("consistency      : 100.00%\n")
                .contains("  orders               monolith")
                .containsPattern("both databases   : IDENTICAL \\(20 tables")
                .doesNotContain("different");
    }
}
