package io.strangler.cli.sync;

import io.strangler.cli.internal.StopSignal;
import io.strangler.sync.SyncPipeline;
import io.strangler.sync.SyncPipelineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strangler sync --config sync.properties}: a whole bi-directional migration in one process (capture of both
 * databases, the sync topology, an apply sink per side) until Ctrl-C or SIGTERM, with a status line every few seconds.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Keep the monolith and the service database in agreement, both writable: capture both, resolve"
                + " conflicts per mapping, apply each side's changes to the other, until Ctrl-C (see docs/sync.md).",
            "The mappings are validated against both live databases first; every error is listed and nothing starts.",
            "Example: topologies/sync/examples/sync-postgresql.properties"})
public final class SyncCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Sync properties file: Kafka, registry, mappings file, monolith.database.* and"
                    + " service.database.*, sync.* keys; optional monolith|service.capture.* and .apply.* overrides.")
    Path config;

    @Option(names = "--status-interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often to print the status line (default: ${DEFAULT-VALUE}); 0 for never.")
    Duration statusInterval;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Longest clean stop after SIGTERM or Ctrl-C before the process exits with 1 anyway"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration stopTimeout;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        SyncPipeline pipeline = SyncPipeline.create(SyncPipelineConfig.fromProperties(config));
        StopSignal stop = StopSignal.install();
        pipeline.start();
        var settings = pipeline.sync().config().settings();
        out.printf("syncing %d mapping(s) %s between '%s' and '%s' (application.id %s). Press Ctrl-C to stop.%n",
                pipeline.sync().mappings().size(),
                pipeline.sync().mappings().stream().map(mapping -> mapping.name()).toList(),
                settings.monolithSource(), settings.serviceSource(), pipeline.sync().config().applicationId());
        out.flush();
        if (statusInterval.isZero() || statusInterval.isNegative()) {
            stop.await();
        } else {
            SyncStatusLine line = new SyncStatusLine();
            line.next(pipeline.status());
            while (!stop.await(statusInterval)) {
                out.println(line.next(pipeline.status()));
                out.flush();
            }
        }
        out.println("stopping...");
        out.flush();
        StopSignal.closeWithin(pipeline, stopTimeout);
        out.println("stopped: " + new SyncStatusLine().next(pipeline.status()));
        out.flush();
        return 0;
    }
}
