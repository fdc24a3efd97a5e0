package io.strangler.cli.sync;

import io.strangler.cli.run.ProcessorOptions;
import io.strangler.cli.run.ProcessorRunner;
import io.strangler.cli.run.Processors;
import io.strangler.consistency.ConsistencyConfig;
import io.strangler.core.config.ConfigFiles;
import io.strangler.sync.SyncConfig;
import io.strangler.sync.SyncPipeline;
import io.strangler.sync.SyncPipelineConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ProcessorOptions options;

    @Option(names = "--status-interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often to print the status line (default: ${DEFAULT-VALUE}); 0 for never.")
    Duration statusInterval;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> values = ConfigFiles.read(options.config(), options.overrides());
        SyncPipeline pipeline = ConfigFiles.build(options.config(), values,
                file -> SyncPipeline.create(new SyncPipelineConfig(file)));
        SyncStatusLine line = new SyncStatusLine();
        if (!Boolean.parseBoolean(values.getOrDefault(ConsistencyConfig.ENABLED, "false").trim())) {
            return ProcessorRunner.run("sync", options, values, Processors.pipeline(pipeline),
                    spec.commandLine().getOut(), () -> line.next(pipeline.status()), statusInterval);
        }
        Processors.Auditor auditor = ConfigFiles.build(options.config(), auditorValues(values),
                file -> new Processors.Auditor(new ConsistencyConfig(file)));
        return ProcessorRunner.run("sync", options, values, Processors.together(Processors.pipeline(pipeline), auditor),
                spec.commandLine().getOut(), () -> line.next(pipeline.status()) + " | consistency "
                        + auditor.consistencyPercent().map(percent -> String.format(Locale.ROOT, "%.2f%%", percent))
                                .orElse("n/a"), statusInterval);
    }

    /** The same file for the auditor beside the sync: its sources are the sync's unless the file names them. */
    public static Map<String, String> auditorValues(Map<String, String> values) {
        Map<String, String> auditor = new HashMap<>(values);
        auditor.putIfAbsent(ConsistencyConfig.MONOLITH_SOURCE, values.getOrDefault(SyncConfig.MONOLITH_SOURCE, "monolith"));
        auditor.putIfAbsent(ConsistencyConfig.SERVICE_SOURCE, values.getOrDefault(SyncConfig.SERVICE_SOURCE, "service"));
        return auditor;
    }
}
