package io.strangler.cli.demo;

import io.strangler.cli.env.EmbeddedEnvironment;
import io.strangler.cli.env.EnvironmentOptions;
import io.strangler.embedded.sample.SampleSizes;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.replicate.ReplicatePipeline;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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
 * {@code strangler demo}: the first step of a strangler migration on the embedded stack. The monolith is live
 * and written to; Strangler captures it, copies it into the empty service database and keeps the copy current,
 * while an independent auditor compares both sides' change streams and reports the consistency percentage.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the embedded stack, replicate a live monolith into the service and audit both, with "
                + "live figures.")
public final class DemoCommand implements Callable<Integer> {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);

    @Mixin
    EnvironmentOptions options;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "DURATION",
            description = "How long to drive the workload on the monolith (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "OPS",
            description = "Business operations per second on the monolith (default: ${DEFAULT-VALUE}).")
    double rate;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Strangler demo: a live monolith, an empty service database, and Strangler in between.");
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start(options.toSettings(false), out::println)) {
            out.printf("stack ready in %d ms: kafka %s, registry %s%n", environment.startupMillis().get("total"),
                    environment.bootstrapServers(), environment.registryUrl());
            out.println("starting capture (monolith and service), the replicate stage, the apply sink and the "
                    + "consistency auditor...");
            try (DemoPipeline pipeline = DemoPipeline.start(environment, options.workDir());
                 LiveFigures figures = new LiveFigures(environment, pipeline)) {
                out.println(LiveFigures.HEADER);
                boolean bootstrapped = figures.awaitCaughtUp(out, CATCH_UP_TIMEOUT);
                out.println(bootstrapped ? "bootstrap done: the service holds a copy of the monolith."
                        : "bootstrap not finished within " + CATCH_UP_TIMEOUT.toSeconds() + " s; carrying on.");
                SampleWorkload.Result result = driveWorkload(environment, figures, out);
                out.println("workload stopped; waiting for the service to catch up...");
                boolean caughtUp = figures.awaitCaughtUp(out, CATCH_UP_TIMEOUT);
                printSummary(out, result, figures, caughtUp);
            }
        }
        printRoadmap(out);
        return 0;
    }

    private SampleWorkload.Result driveWorkload(EmbeddedEnvironment environment, LiveFigures figures,
            PrintWriter out) throws Exception {
        SampleSizes sizes = SampleSizes.of(options.rows());
        SampleWorkload workload = new SampleWorkload(
                SampleWorkload.Config.of(options.seed() + 1, options.rows(), sizes.maxGeneratedId())
                        .withOperationsPerSecond(rate));
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-writer");
            thread.setDaemon(true);
            return thread;
        });
        out.printf("driving ~%.0f business operations/s on the monolith for %ds (Ctrl-C stops early)%n", rate,
                duration.toSeconds());
        try (Connection monolithWriter = environment.monolith().connect()) {
            Future<SampleWorkload.Result> run = writer.submit(
                    () -> workload.run(monolithWriter, Long.MAX_VALUE, duration));
            while (!run.isDone()) {
                Thread.sleep(1000); // one figure per second is the point of this loop: nothing to await
                out.println(figures.sample());
                out.flush();
            }
            return run.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the workload failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            workload.stop();
            writer.shutdownNow();
        }
    }

    private static void printSummary(PrintWriter out, SampleWorkload.Result result, LiveFigures figures,
            boolean caughtUp) throws SQLException {
        ReplicatePipeline.Status status = figures.replicateStatus();
        long[] orders = figures.ordersPerSide();
        out.println();
        out.printf("monolith workload: %d operations committed (%d rows inserted, %d updated, %d deleted), %d failed%n",
                result.committedOperations(), result.rowsInserted(), result.rowsUpdated(), result.rowsDeleted(),
                result.failedOperations());
        out.printf("strangler        : %d changes captured, %d apply commands, %d applied, %d dead letters%n",
                status.captured(), status.commands(), status.applied(), status.deadLetters());
        out.printf("orders           : monolith %d, service %d -> %s%n", orders[0], orders[1],
                caughtUp ? "in agreement" : "NOT caught up yet");
        out.printf("consistency      : %s%n", figures.consistencyLabel());
    }

    private static void printRoadmap(PrintWriter out) {
        out.println();
        out.println("Next steps of a migration, as Strangler grows:");
        out.println("  - bi-directional sync: the service becomes writable too, conflicts are resolved per mapping;");
        out.println("  - `strangler validate` proves both databases identical table by table;");
        out.println("  - `strangler router` moves HTTP traffic to the service step by step and rolls back at once.");
        out.flush();
    }

    /** The per-second line: monolith activity, the pipeline's counters, the auditor's verdict, order counts. */
    static final class LiveFigures implements AutoCloseable {
        static final String HEADER = "  time | monolith commits/s | captured  replicated  applied  dlq "
                + "| consistency | orders monolith/service";

        private final DemoPipeline pipeline;
        private final Connection monolith;
        private final Connection service;
        private final long startedNanos = System.nanoTime();
        private DatabaseActivity lastMonolith;
        private long lastNanos = System.nanoTime();

        LiveFigures(EmbeddedEnvironment environment, DemoPipeline pipeline) throws SQLException {
            this.pipeline = pipeline;
            this.monolith = environment.monolith().connect();
            this.service = environment.service().connect();
            this.lastMonolith = DatabaseActivity.read(monolith);
        }

        String sample() throws SQLException {
            long now = System.nanoTime();
            double elapsed = Math.max(1e-3, (now - lastNanos) / 1e9);
            DatabaseActivity current = DatabaseActivity.read(monolith);
            double commitsPerSecond = current.minus(lastMonolith).commits() / elapsed;
            lastMonolith = current;
            lastNanos = now;
            ReplicatePipeline.Status status = pipeline.replicateStatus();
            long[] orders = ordersPerSide();
            return String.format(java.util.Locale.ROOT, "%5.0fs | %18.0f | %8d %11d %8d %4d | %11s | %d/%d",
                    (now - startedNanos) / 1e9, commitsPerSecond, status.captured(), status.commands(),
                    status.applied(), status.deadLetters(), consistencyLabel(), orders[0], orders[1]);
        }

        /** Prints a line per second until every captured change is applied and both sides hold equal counts. */
        boolean awaitCaughtUp(PrintWriter out, Duration timeout) throws SQLException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(1000); // a progress line per second while the pipeline drains
                out.println(sample());
                out.flush();
                ReplicatePipeline.Status status = pipeline.replicateStatus();
                long[] orders = ordersPerSide();
                if (status.captured() > 0 && status.applied() >= status.commands() && orders[0] == orders[1]
                        && pipeline.consistencyPercent().filter(percent -> percent >= 100.0).isPresent()) {
                    return true;
                }
            }
            return false;
        }

        ReplicatePipeline.Status replicateStatus() {
            return pipeline.replicateStatus();
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
