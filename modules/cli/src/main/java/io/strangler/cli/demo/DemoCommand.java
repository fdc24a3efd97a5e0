package io.strangler.cli.demo;

import io.strangler.cli.env.EmbeddedEnvironment;
import io.strangler.cli.env.EnvironmentOptions;
import io.strangler.embedded.sample.SampleSizes;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.Side;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.sync.SyncPipeline;
import io.strangler.validator.ConnectionSource;
import io.strangler.validator.TableValidation;
import io.strangler.validator.ValidationMode;
import io.strangler.validator.ValidationOptions;
import io.strangler.validator.ValidationResult;
import io.strangler.validator.Validator;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strangler demo}: a bi-directional strangler migration on the embedded stack. The monolith is live and
 * written to; Strangler captures it, copies it into the empty service database, and from then on both databases are
 * written at once, on overlapping rows, while the sync resolves the conflicts it meets, an independent auditor compares
 * both sides' change streams, and at the end the batch validator proves both databases identical table by table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the embedded stack and a bi-directional migration: a live monolith copied into the service,"
                + " then writers on both databases at once, conflicts resolved, both audited and proven identical.")
public final class DemoCommand implements Callable<Integer> {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);
    /** The service's writer inserts rows from here on, so that the two sides' new rows never share an id. */
    private static final long SERVICE_ID_OFFSET = 1_000_000_000L;

    @Mixin
    EnvironmentOptions options;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "DURATION",
            description = "How long to drive the workloads on both databases (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "OPS",
            description = "Business operations per second on the monolith (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--service-rate", defaultValue = "50", paramLabel = "OPS",
            description = "Business operations per second on the service, on the same rows (default: ${DEFAULT-VALUE}).")
    double serviceRate;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Strangler demo: a live monolith, an empty service database, and Strangler in between, both ways.");
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start(options.toSettings(false), out::println)) {
            out.printf("stack ready in %d ms: kafka %s, registry %s%n", environment.startupMillis().get("total"),
                    environment.bootstrapServers(), environment.registryUrl());
            out.println("starting the bi-directional sync (capture of both databases, the sync topology, an apply sink"
                    + " per side) and the consistency auditor...");
            try (DemoPipeline pipeline = DemoPipeline.start(environment, options.workDir());
                 LiveFigures figures = new LiveFigures(environment, pipeline)) {
                out.println(LiveFigures.HEADER);
                boolean bootstrapped = figures.awaitCaughtUp(out, CATCH_UP_TIMEOUT);
                out.println(bootstrapped ? "bootstrap done: the service holds a copy of the monolith."
                        : "bootstrap not finished within " + CATCH_UP_TIMEOUT.toSeconds() + " s; carrying on.");
                Results results = driveWorkloads(environment, figures, out);
                out.println("workloads stopped; waiting for both sides to agree...");
                boolean caughtUp = figures.awaitCaughtUp(out, CATCH_UP_TIMEOUT);
                ValidationResult proof = Validator.create(
                        source("monolith", environment.monolith()), source("service", environment.service()),
                        Mappings.load(pipeline.mappingsFile()))
                        .validate(List.of(), ValidationOptions.defaults().withMode(ValidationMode.MERGE));
                printSummary(out, results, figures, caughtUp, proof);
            }
        }
        printRoadmap(out);
        return 0;
    }

    private record Results(SampleWorkload.Result monolith, SampleWorkload.Result service) {
    }

    private static ConnectionSource source(String name, DatabaseInfo database) {
        return ConnectionSource.of(name, database.jdbcUrl(), database.user(), database.password());
    }

    private Results driveWorkloads(EmbeddedEnvironment environment, LiveFigures figures, PrintWriter out)
            throws Exception {
        SampleSizes sizes = SampleSizes.of(options.rows());
        SampleWorkload monolithWorkload = new SampleWorkload(
                SampleWorkload.Config.of(options.seed() + 1, options.rows(), sizes.maxGeneratedId())
                        .withOperationsPerSecond(rate));
        SampleWorkload serviceWorkload = new SampleWorkload(
                SampleWorkload.Config.of(options.seed() + 2, options.rows(), SERVICE_ID_OFFSET)
                        .withOperationsPerSecond(serviceRate));
        ExecutorService writers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "demo-writer");
            thread.setDaemon(true);
            return thread;
        });
        out.printf("driving ~%.0f business operations/s on the monolith and ~%.0f/s on the service, on the same rows,"
                + " for %ds (Ctrl-C stops early)%n", rate, serviceRate, duration.toSeconds());
        try (Connection monolithWriter = environment.monolith().connect();
             Connection serviceWriter = environment.service().connect()) {
            Future<SampleWorkload.Result> monolith = writers.submit(
                    () -> monolithWorkload.run(monolithWriter, Long.MAX_VALUE, duration));
            Future<SampleWorkload.Result> service = writers.submit(
                    () -> serviceWorkload.run(serviceWriter, Long.MAX_VALUE, duration));
            while (!monolith.isDone() || !service.isDone()) {
                Thread.sleep(1000); // one figure per second is the point of this loop: nothing to await
                out.println(figures.sample());
                out.flush();
            }
            return new Results(monolith.get(), service.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("a workload failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            monolithWorkload.stop();
            serviceWorkload.stop();
            writers.shutdownNow();
        }
    }

    private static void printSummary(PrintWriter out, Results results, LiveFigures figures, boolean caughtUp,
            ValidationResult proof) {
        SyncPipeline.Status status = figures.syncStatus();
        out.println();
        printWorkload(out, "monolith workload", results.monolith());
        printWorkload(out, "service workload ", results.service());
        out.printf("strangler        : %d + %d changes captured (monolith + service), %d applied to the service,"
                        + " %d to the monolith, %d dead letters%n",
                status.side(Side.MONOLITH).captured(), status.side(Side.SERVICE).captured(),
                status.side(Side.SERVICE).applied(), status.side(Side.MONOLITH).applied(), status.deadLetters());
        out.printf("conflicts        : %d resolved (last-write-wins)%s%n", status.conflictsTotal(),
                status.conflicts().isEmpty() ? "" : " " + status.conflicts());
        out.printf("consistency      : %s%s%n", figures.consistencyLabel(), caughtUp ? "" : " (NOT caught up yet)");
        out.println("validator (merge of every row, table by table):");
        long monolithRows = 0;
        long serviceRows = 0;
        for (TableValidation table : proof.tables()) {
            out.printf(Locale.ROOT, "  %-20s monolith %7d  service %7d  %s%n", table.mapping(), table.monolithRows(),
                    table.serviceRows(), table.discrepancyCount() == 0 ? "identical" : table.missingOnService()
                            + " missing on the service, " + table.missingOnMonolith() + " missing on the monolith, "
                            + table.differingRows() + " different");
            monolithRows += table.monolithRows();
            serviceRows += table.serviceRows();
        }
        out.printf(Locale.ROOT, "both databases   : %s (%d tables, %d rows on the monolith, %d on the service)%n",
                proof.consistent() ? "IDENTICAL" : "DIFFERENT, " + proof.discrepancyCount() + " discrepancies",
                proof.tables().size(), monolithRows, serviceRows);
    }

    private static void printWorkload(PrintWriter out, String label, SampleWorkload.Result result) {
        out.printf("%s: %d operations committed (%d rows inserted, %d updated, %d deleted), %d failed%n", label,
                result.committedOperations(), result.rowsInserted(), result.rowsUpdated(), result.rowsDeleted(),
                result.failedOperations());
    }

    private static void printRoadmap(PrintWriter out) {
        out.println();
        out.println("Run it on your own databases:");
        out.println("  - `strangler sync --config topologies/sync/examples/sync-postgresql.properties` (docs/sync.md);");
        out.println("  - `strangler validate` proves both databases identical table by table, `strangler reconcile` repairs;");
        out.println("  - `strangler router` moves HTTP traffic to the service step by step and rolls back at once.");
        out.flush();
    }

    /** The per-second line: both databases' activity, the sync's counters, the auditor's verdict, order counts. */
    static final class LiveFigures implements AutoCloseable {
        static final String HEADER = "  time | commits/s mono svc | applied ->svc ->mono | conflicts  dlq "
                + "| consistency | orders monolith/service";

        private final DemoPipeline pipeline;
        private final Connection monolith;
        private final Connection service;
        private final long startedNanos = System.nanoTime();
        private DatabaseActivity lastMonolith;
        private DatabaseActivity lastService;
        private long lastNanos = System.nanoTime();

        LiveFigures(EmbeddedEnvironment environment, DemoPipeline pipeline) throws SQLException {
            this.pipeline = pipeline;
            this.monolith = environment.monolith().connect();
            this.service = environment.service().connect();
            this.lastMonolith = DatabaseActivity.read(monolith);
            this.lastService = DatabaseActivity.read(service);
        }

        String sample() throws SQLException {
            long now = System.nanoTime();
            double elapsed = Math.max(1e-3, (now - lastNanos) / 1e9);
            DatabaseActivity currentMonolith = DatabaseActivity.read(monolith);
            DatabaseActivity currentService = DatabaseActivity.read(service);
            double monolithCommits = currentMonolith.minus(lastMonolith).commits() / elapsed;
            double serviceCommits = currentService.minus(lastService).commits() / elapsed;
            lastMonolith = currentMonolith;
            lastService = currentService;
            lastNanos = now;
            SyncPipeline.Status status = pipeline.syncStatus();
            long[] orders = ordersPerSide();
            return String.format(Locale.ROOT, "%5.0fs | %9.0f %4.0f | %13d %5d | %9d %4d | %11s | %d/%d",
                    (now - startedNanos) / 1e9, monolithCommits, serviceCommits, status.side(Side.SERVICE).applied(),
                    status.side(Side.MONOLITH).applied(), status.conflictsTotal(), status.deadLetters(),
                    consistencyLabel(), orders[0], orders[1]);
        }

        /**
         * Prints a line per second until both sinks applied every command the sync emitted, both sides hold equal
         * order counts and the auditor reports full consistency.
         */
        boolean awaitCaughtUp(PrintWriter out, Duration timeout) throws SQLException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(1000); // a progress line per second while the pipeline drains
                out.println(sample());
                out.flush();
                SyncPipeline.Status status = pipeline.syncStatus();
                long[] orders = ordersPerSide();
                boolean applied = status.side(Side.SERVICE).applied() > 0
                        && status.side(Side.SERVICE).applied() >= status.side(Side.SERVICE).emitted()
                        && status.side(Side.MONOLITH).applied() >= status.side(Side.MONOLITH).emitted();
                if (applied && orders[0] == orders[1]
                        && pipeline.consistencyPercent().filter(percent -> percent >= 100.0).isPresent()) {
                    return true;
                }
            }
            return false;
        }

        SyncPipeline.Status syncStatus() {
            return pipeline.syncStatus();
        }
        String consistencyLabel() {
            return pipeline.consistencyPercent()
                    .map(percent -> String.format(java.util.Locale.ROOT, "%.2f%%", percent)
                            + pipeline.openDiscrepancies().filter(open -> open > 0)
                                    .map(open -> " (" + open.longValue() + " open)").orElse(""))
                    .orElse("n/a");
        }

        long[] ordersPerSide() throws SQLException {
            return new long[] {count(monolith), count(service)};
        }

        private static long count(Connection connection) throws SQLException {
            try (var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT count(*) FROM orders")) {
                rows.next();
                return rows.getLong(1);
            }
        }

        @Override
        public void close() throws SQLException {
            try (monolith; service) {
                // closes both connections, the second even if the first fails
            }
        }
    }
}
