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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    static Path itemsConfig;

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
        config = properties(db, "validator.properties", mappings);
        // order items equal on both sides but one orphan each, left as the apply sinks leave them (foreign keys off);
        // NOT VALID adds each constraint over the orphan without needing the replica session's privilege
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE public.order_items (id bigint PRIMARY KEY, order_id bigint, sku text NOT NULL)");
            s.execute("CREATE TABLE svc.purchase_item (id bigint PRIMARY KEY, purchase_id bigint, sku text NOT NULL)");
            s.execute("INSERT INTO public.order_items SELECT i, i, 'sku' || i FROM generate_series(1, 20) i");
            s.execute("INSERT INTO svc.purchase_item SELECT i, i, 'sku' || i FROM generate_series(1, 20) i");
            s.execute("UPDATE public.order_items SET order_id = 5000 WHERE id = 3");
            s.execute("UPDATE svc.purchase_item SET purchase_id = 5000 WHERE id = 3");
            s.execute("ALTER TABLE public.order_items ADD CONSTRAINT fk_item_order FOREIGN KEY (order_id)"
                    + " REFERENCES public.orders (id) NOT VALID");
            s.execute("ALTER TABLE svc.purchase_item ADD CONSTRAINT fk_item_purchase FOREIGN KEY (purchase_id)"
                    + " REFERENCES svc.purchase (id) NOT VALID");
        }
        Path items = Files.writeString(dir.resolve("items.yaml"), """
                mappings:
                  - name: items
                    monolith: public.order_items
                    service: svc.purchase_item
                    columns: { order_id: purchase_id }
                """);
        itemsConfig = properties(db, "items.properties", items);
    }

    private static Path properties(TestDatabase db, String name, Path mappings) throws java.io.IOException {
        return Files.writeString(dir.resolve(name), String.join("\n",
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

    @Test
    void shouldReportOrphansOnEachSideWithForeignKeysInASeparateProcess() throws Exception {
        // the way users run it: its own JVM, exit code and output as a script would see them
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.strangler.cli.StranglerCommand", "validate", "--config", itemsConfig.toString(), "--foreign-keys",
                "--reports", dir.resolve("fk-out").toString()));
        Path log = Files.createTempFile(dir, "validate", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("strangler validate did not end: " + Files.readString(log));
        }
        String output = Files.readString(log);

        assertThat(process.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("items                foreign keys: 1 orphans on the monolith, 1 on the service")
                .contains("overall 100.0000% consistent, 2 discrepancies");
        try (var reports = Files.list(dir.resolve("fk-out"))) {
            Path markdown = reports.filter(file -> file.toString().endsWith(".md")).findFirst().orElseThrow();
            assertThat(Files.readString(markdown)).contains("| orphan-on-monolith | `{\"id\":3}` | monolith row"
                    + " {\"id\":3,\"order_id\":5000} has no parent for fk_item_order (order_id) → public.orders (id) |");
        }
    }

    @Test
    void shouldIgnoreOrphansUnlessAskedAndDescribeTheOptionInHelp() {
        Run quiet = run("validate", "--config", itemsConfig.toString());
        Run help = run("validate", "--help");

        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.out()).doesNotContain("foreign keys").contains("overall 100.0000% consistent, 0 discrepancies");
        String helpText = help.out().replaceAll("\\s+", " "); // picocli wraps the description
        assertThat(helpText).contains("--[no-]foreign-keys").contains("count and list rows whose parent is missing")
                .contains("never repaired by reconcile").contains("Off by default");
    }
}
