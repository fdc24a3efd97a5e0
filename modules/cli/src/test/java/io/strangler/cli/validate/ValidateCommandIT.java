package io.strangler.cli.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.cli.StranglerCommand;
import io.strangler.testsupport.EmbeddedPostgresExtension;
import io.strangler.testsupport.Postgres;
import io.strangler.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@ExtendWith(EmbeddedPostgresExtension.class)
class ValidateCommandIT {

    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void createTablesAndConfig(@Postgres TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA svc");
            s.execute("CREATE TABLE public.orders (id bigint PRIMARY KEY, status text NOT NULL, total numeric(10,2))");
            s.execute("CREATE TABLE svc.purchase (id bigint PRIMARY KEY, state text NOT NULL, total numeric(10,2))");
            s.execute("INSERT INTO public.orders SELECT i, 'new', i FROM generate_series(1, 1000) i");
            s.execute("INSERT INTO svc.purchase SELECT i, 'new', i FROM generate_series(1, 1000) i WHERE i <> 500");
            s.execute("UPDATE svc.purchase SET total = 0 WHERE id = 7");
        }
        Path mappings = Files.writeString(dir.resolve("mappings.yaml"), """
                mappings:
                  - name: orders
                    monolith: public.orders
                    service: svc.purchase
                    columns: { status: state }
                """);
        config = Files.writeString(dir.resolve("validator.properties"), String.join("\n",
                "strangler.mappings.file=" + mappings,
                "monolith.database.url=" + db.jdbcUrl(), "monolith.database.user=" + db.user(),
                "monolith.database.password=" + db.password(),
                "service.database.url=" + db.jdbcUrl(), "service.database.user=" + db.user(),
                "service.database.password=" + db.password(), ""));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = StranglerCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void shouldPrintTheSummaryWriteReportsAndExitWithTwoOnDiscrepancies() {
        Run run = run("validate", "--config", config.toString(), "--mode", "merge", "--reports", dir.resolve("out").toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).contains("orders").contains("overall 99.8000% consistent, 2 discrepancies");
        assertThat(run.err()).contains("orders: 2/2 segments");
        assertThat(dir.resolve("out").toFile().list()).hasSize(3);
    }

    @Test
    void shouldPrintTheRepairPlanOnADryRun() {
        Run run = run("reconcile", "--config", config.toString(), "--source", "monolith", "--dry-run");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("UPSERT service svc.purchase {\"id\":500} (missing-on-service, from monolith)")
                .contains("UPSERT service svc.purchase {\"id\":7} (different, from monolith)")
                .contains("2 repairs: 2 upserts, 0 deletes").contains("dry run: nothing sent");
    }

    @Test
    void shouldFailWithAClearMessageOnAnUnknownTable() {
        Run run = run("validate", "--config", config.toString(), "--table", "nope");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("unknown table/mapping 'nope' (known: orders)");
        assertThat(run.out()).doesNotContain("overall");
    }
}
