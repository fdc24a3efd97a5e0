package io.strangler.cli.consistency;

import io.strangler.consistency.ConsistencyAuditor;
import io.strangler.consistency.ConsistencyConfig;
import io.strangler.core.mapping.ResolvedMapping;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strangler consistency --config consistency.properties}: the streaming consistency auditor, until Ctrl-C. */
@Command(name = "consistency", mixinStandardHelpOptions = true,
        description = {"Run the streaming consistency auditor (see docs/consistency.md) until Ctrl-C.",
            "It compares both sides' change streams per logical row and writes discrepancies and a periodic status to"
                    + " <prefix>.consistency.discrepancies and <prefix>.consistency.status."})
public final class ConsistencyCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Auditor properties file (example: topologies/consistency/examples/consistency.properties).")
    Path config;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ConsistencyConfig settings = ConsistencyConfig.fromProperties(config);
        List<ResolvedMapping> mappings = ConsistencyAuditor.resolveMappings(settings);
        ConsistencyAuditor auditor = ConsistencyAuditor.start(settings, mappings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            auditor.close();
            stopped.countDown();
        }, "strangler-consistency-shutdown"));
        out.printf("consistency auditor %s auditing %d mappings %s: discrepancies on %s, status on %s."
                        + " Press Ctrl-C to stop.%n", settings.applicationId(), mappings.size(),
                mappings.stream().map(ResolvedMapping::name).toList(),
                settings.topicNames().consistencyDiscrepancies(), settings.topicNames().consistencyStatus());
        out.flush();
        stopped.await();
        return 0;
    }
}
