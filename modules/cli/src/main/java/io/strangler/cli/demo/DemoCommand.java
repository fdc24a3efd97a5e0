package io.strangler.cli.demo;

import io.strangler.cli.env.EmbeddedEnvironment;
import io.strangler.cli.env.EnvironmentOptions;
import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.serde.ConfluentWireFormat;
import io.strangler.core.topic.TopicNames;
import io.strangler.embedded.DatabaseInfo;
import io.strangler.embedded.sample.SampleSizes;
import io.strangler.embedded.sample.SampleWorkload;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.RowChange;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
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
 * {@code strangler demo}: the embedded stack with both databases live and written to at once, with live
 * figures. Until the sync lands it shows the two sides drifting apart, which is what Strangler will prevent.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the embedded stack, drive a workload on the monolith and the service, show live figures.")
public final class DemoCommand implements Callable<Integer> {

    /** Keeps the service's inserted ids far from the monolith's so the two writers never collide by accident. */
    private static final long SERVICE_ID_DISTANCE = 1_000_000_000L;

    @Mixin
    EnvironmentOptions options;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "DURATION",
            description = "How long to drive the workload (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "OPS",
            description = "Business operations per second on each side (default: ${DEFAULT-VALUE}).")
    double rate;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Strangler demo: monolith and service both live, written to at the same time.");
        try (EmbeddedEnvironment environment = EmbeddedEnvironment.start(options.toSettings(true), out::println)) {
            out.printf("stack ready in %d ms: kafka %s, registry %s%n", environment.startupMillis().get("total"),
                    environment.bootstrapServers(), environment.registryUrl());
            int subjects = registerEventSchemas(environment.registryUrl());
            out.printf("registered %d event schemas (RowChange, ApplyCommand, Conflict) in the schema registry%n",
                    subjects);
            DemoReport report = driveWorkload(environment, out);
            report.print(out);
        }
        printRoadmap(out);
        return 0;
    }

    private static int registerEventSchemas(String registryUrl) {
        SchemaRegistryClient registry = RestSchemaRegistryClient.create(registryUrl);
        TopicNames topics = new TopicNames();
        registry.register(ConfluentWireFormat.subject(topics.cdc("monolith", "public", "orders"), false),
                RowChange.getClassSchema());
        registry.register(ConfluentWireFormat.subject(topics.apply("service"), false), ApplyCommand.getClassSchema());
        registry.register(ConfluentWireFormat.subject(topics.syncConflicts(), false), Conflict.getClassSchema());
        return 3;
    }

    private DemoReport driveWorkload(EmbeddedEnvironment environment, PrintWriter out) throws Exception {
        SampleSizes sizes = SampleSizes.of(options.rows());
        SampleWorkload monolithWorkload = new SampleWorkload(
                SampleWorkload.Config.of(options.seed() + 1, options.rows(), sizes.maxGeneratedId())
                        .withOperationsPerSecond(rate));
        SampleWorkload serviceWorkload = new SampleWorkload(
                SampleWorkload.Config.of(options.seed() + 2, options.rows(), sizes.maxGeneratedId() + SERVICE_ID_DISTANCE)
                        .withOperationsPerSecond(rate));
        String probeTopic = "strangler.demo.probe";
        environment.kafka().createTopic(probeTopic, 1, Map.of());

        ExecutorService writers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "demo-writer");
            thread.setDaemon(true);
            return thread;
        });
        try (Connection monolithWriter = environment.monolith().connect();
             Connection serviceWriter = environment.service().connect();
             LiveFigures figures = new LiveFigures(environment.monolith(), environment.service());
             KafkaProbe probe = new KafkaProbe(environment.bootstrapServers(), probeTopic)) {
            Future<SampleWorkload.Result> monolithRun = writers.submit(
                    () -> monolithWorkload.run(monolithWriter, Long.MAX_VALUE, duration));
            Future<SampleWorkload.Result> serviceRun = writers.submit(
                    () -> serviceWorkload.run(serviceWriter, Long.MAX_VALUE, duration));
            // the first round trip includes the probe consumer joining its group: keep it out of the figures
            probe.roundTripMillis(Duration.ofSeconds(10));
            out.printf("driving ~%.0f operations/s on each side for %ds (Ctrl-C stops early)%n", rate,
                    duration.toSeconds());
            out.println(LiveFigures.HEADER);
            long started = System.nanoTime();
            while (!(monolithRun.isDone() && serviceRun.isDone())) {
                Thread.sleep(1000); // a figure per second is the point of this loop: there is no condition to await
                double rtt = probe.roundTripMillis(Duration.ofSeconds(2));
                out.println(figures.sample((System.nanoTime() - started) / 1e9, rtt));
                out.flush();
            }
            return new DemoReport(result(monolithRun), result(serviceRun), figures.ordersPerSide());
        } finally {
            monolithWorkload.stop();
            serviceWorkload.stop();
            writers.shutdownNow();
        }
    }

    private static SampleWorkload.Result result(Future<SampleWorkload.Result> run) throws InterruptedException {
        try {
            return run.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the workload failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void printRoadmap(PrintWriter out) {
        out.println();
        out.println("What this demo does once Strangler is complete:");
        out.println("  - Debezium captures both databases into strangler.cdc.* topics (canonical RowChange events),");
        out.println("  - the sync topology merges both streams, resolves conflicts and applies the winner to the");
        out.println("    other side, so the order counts above stay equal instead of drifting apart,");
        out.println("  - the consistency auditor reports the live consistency percentage, the validator proves it,");
        out.println("  - the router shifts HTTP traffic from the monolith to the service step by step.");
        out.flush();
    }

    /** Totals of a demo run. */
    private record DemoReport(SampleWorkload.Result monolith, SampleWorkload.Result service, long[] orders) {
        void print(PrintWriter out) {
            out.println();
            out.printf("monolith: %d operations committed (%d rows inserted, %d updated, %d deleted), %d failed%n",
                    monolith.committedOperations(), monolith.rowsInserted(), monolith.rowsUpdated(),
                    monolith.rowsDeleted(), monolith.failedOperations());
            out.printf("service : %d operations committed (%d rows inserted, %d updated, %d deleted), %d failed%n",
                    service.committedOperations(), service.rowsInserted(), service.rowsUpdated(),
                    service.rowsDeleted(), service.failedOperations());
            out.printf("orders  : monolith %d, service %d -> %s%n", orders[0], orders[1],
                    orders[0] == orders[1] ? "equal" : "drifted apart (no sync yet)");
        }
    }

    /** The per-second line: each database's own commit and row-change rates, Kafka round trip, order counts. */
    static final class LiveFigures implements AutoCloseable {
        static final String HEADER = "  time | monolith commits/s rows/s | service commits/s rows/s | kafka rtt ms "
                + "| orders monolith/service";

        private final Connection monolith;
        private final Connection service;
        private DatabaseActivity lastMonolith;
        private DatabaseActivity lastService;
        private long lastNanos = System.nanoTime();

        LiveFigures(DatabaseInfo monolithDatabase, DatabaseInfo serviceDatabase) throws SQLException {
            this.monolith = monolithDatabase.connect();
            this.service = serviceDatabase.connect();
            this.lastMonolith = DatabaseActivity.read(monolith);
            this.lastService = DatabaseActivity.read(service);
        }

        String sample(double seconds, double kafkaRoundTripMillis) throws SQLException {
            long now = System.nanoTime();
            double elapsed = Math.max(1e-3, (now - lastNanos) / 1e9);
            DatabaseActivity currentMonolith = DatabaseActivity.read(monolith);
            DatabaseActivity currentService = DatabaseActivity.read(service);
            DatabaseActivity monolithDelta = currentMonolith.minus(lastMonolith);
            DatabaseActivity serviceDelta = currentService.minus(lastService);
            lastMonolith = currentMonolith;
            lastService = currentService;
            lastNanos = now;
            long[] orders = ordersPerSide();
            return String.format("%5.0fs | %17.0f %6.0f | %16.0f %6.0f | %12s | %d/%d", seconds,
                    monolithDelta.commits() / elapsed, monolithDelta.rowChanges() / elapsed,
                    serviceDelta.commits() / elapsed, serviceDelta.rowChanges() / elapsed,
                    kafkaRoundTripMillis < 0 ? "timeout" : String.format("%.1f", kafkaRoundTripMillis),
                    orders[0], orders[1]);
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
