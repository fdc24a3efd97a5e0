package io.strangler.cli.replicate;

import io.strangler.core.mapping.ValidationIssue;
import io.strangler.replicate.ReplicatePipeline;
import io.strangler.replicate.ReplicatePipelineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strangler replicate --config replicate.properties}: one-way replication in one process (capture of the source,
 * the replicate stage, the apply sink on the target) until Ctrl-C, with a status line every few seconds.
 */
@Command(name = "replicate", mixinStandardHelpOptions = true,
        description = {"Replicate one way: capture the source database, translate each change by the mappings and apply it "
                + "to the target database, until Ctrl-C (see docs/replicate.md).",
                "The mappings are validated against both live databases first; every error is listed."})
public final class ReplicateCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Replicate properties file: Kafka, registry, mappings file, capture.* and apply.* keys.")
    Path config;

    @Option(names = "--parts", split = ",", paramLabel = "PART", defaultValue = "capture,stage,apply",
            description = "Parts to run in this process (default: ${DEFAULT-VALUE}); run the others elsewhere with the same file.")
    List<String> parts;

    @Option(names = "--status-interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "How often to print the status line (default: ${DEFAULT-VALUE}); 0 for never.")
    Duration statusInterval;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Set<ReplicatePipeline.Part> selected = EnumSet.noneOf(ReplicatePipeline.Part.class);
        for (String part : parts) {
            try {
                selected.add(ReplicatePipeline.Part.fromLabel(part));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--parts: " + e.getMessage());
            }
        }
        ReplicatePipeline pipeline = ReplicatePipeline.create(ReplicatePipelineConfig.fromProperties(config), selected);
        for (ValidationIssue warning : pipeline.warnings()) {
            out.println("warning: " + warning);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pipeline.close();
            stopped.countDown();
        }, "strangler-replicate-shutdown"));
        pipeline.start();
        out.printf("replicating %d mapping(s) from the %s (source '%s') to target '%s', parts %s. Press Ctrl-C to stop.%n",
                pipeline.plan().mappings().size(), pipeline.plan().from().label(), pipeline.plan().sourceName(),
                pipeline.plan().target(), pipeline.parts());
        out.flush();
        if (statusInterval.isZero() || statusInterval.isNegative()) {
            stopped.await();
            return 0;
        }
        while (!stopped.await(statusInterval.toMillis(), TimeUnit.MILLISECONDS)) {
            out.println(pipeline.status().line());
            out.flush();
        }
        return 0;
    }
}
