package io.strangler.cli.run;

import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.consistency.ConsistencyConfig;
import io.strangler.core.config.ConfigFiles;
import io.strangler.sync.SyncConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code strangler run capture|apply|sync|consistency --config FILE}: one processor per process, as deployed (Kafka
 * Connect and Kafka Streams conventions: one {@code .properties} file each, scaled by running more of it).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one processor in the foreground, as it is deployed: one process, one properties file.",
            "Exit codes: 0 clean stop (SIGTERM, Ctrl-C), 1 the processor failed, 2 bad configuration (the key is named)."},
        subcommands = {RunCommand.Capture.class, RunCommand.Apply.class, RunCommand.Sync.class,
            RunCommand.Consistency.class})
public final class RunCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What the four subcommands share: read the file, build the processor, run it. */
    abstract static class ProcessorCommand implements Callable<Integer> {

        @Mixin
        ProcessorOptions options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract RunnableProcessor create(Map<String, String> values);

        @Override
        public Integer call() throws Exception {
            Map<String, String> values = ConfigFiles.read(options.config(), options.overrides());
            RunnableProcessor processor = ConfigFiles.build(options.config(), values, this::create);
            return ProcessorRunner.run(spec.name(), options, values, processor, spec.commandLine().getOut(), null,
                    Duration.ZERO);
        }
    }

    @Command(name = "capture", mixinStandardHelpOptions = true,
            description = {"Capture one database (Debezium Embedded) into its cdc topics (docs/capture.md).",
                "Example: connectors/capture/examples/monolith-postgresql.properties"})
    static final class Capture extends ProcessorCommand {
        @Override
        RunnableProcessor create(Map<String, String> values) {
            return Processors.capture(new CaptureConfig(values));
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Apply the commands of one apply topic to its database, exactly once (docs/apply.md).",
                "Example: connectors/apply/examples/apply-service-postgresql.properties"})
    static final class Apply extends ProcessorCommand {
        @Override
        RunnableProcessor create(Map<String, String> values) {
            return Processors.apply(new ApplySinkConfig(values));
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = {"Run the sync topology alone (Kafka Streams); captures and apply sinks run elsewhere"
                    + " (docs/sync.md). Start more instances with the same application.id to scale out.",
                "Example: topologies/sync/examples/sync-topology.properties"})
    static final class Sync extends ProcessorCommand {
        @Override
        RunnableProcessor create(Map<String, String> values) {
            return Processors.sync(new SyncConfig(values));
        }
    }

    @Command(name = "consistency", mixinStandardHelpOptions = true,
            description = {"Run the streaming consistency auditor (docs/consistency.md).",
                "Example: topologies/consistency/examples/consistency.properties"})
    static final class Consistency extends ProcessorCommand {
        @Override
        RunnableProcessor create(Map<String, String> values) {
            return Processors.consistency(new ConsistencyConfig(values));
        }
    }
}
