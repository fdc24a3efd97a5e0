package io.strangler.cli.env;

import io.strangler.embedded.EmbeddedKafka;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strangler env up}: starts the embedded environment, prints its addresses and runs until Ctrl-C
 * (or {@code --for}), then stops everything cleanly.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start embedded Kafka, the schema registry and the monolith and service PostgreSQL servers.")
public final class EnvUpCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOptions options;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "Stop by itself after this long (e.g. 10m); default: run until Ctrl-C.")
    Duration runFor;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedEnvironment environment = EmbeddedEnvironment.start(options.toSettings(false), out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            environment.close();
            stopped.countDown();
        }, "strangler-env-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        Path connectionFile = environment.writeConnectionFile(options.workDir.resolve("env.properties"));
        printAddresses(out, environment, connectionFile);

        long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
        boolean stoppedByHook = false;
        Optional<String> fault = Optional.empty();
        while (!stoppedByHook && fault.isEmpty() && System.nanoTime() < deadline) {
            long waitNanos = Math.min(TimeUnit.SECONDS.toNanos(1), deadline - System.nanoTime());
            stoppedByHook = stopped.await(Math.max(waitNanos, 0), TimeUnit.NANOSECONDS);
            fault = EmbeddedKafka.fatalFault();
        }
        if (!stoppedByHook) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            environment.close();
        }
        if (fault.isPresent()) {
            spec.commandLine().getErr().println("strangler env up: " + fault.get() + "; stopped everything");
            return 1;
        }
        out.println("stopped.");
        return 0;
    }

    static void printAddresses(PrintWriter out, EmbeddedEnvironment environment, Path connectionFile) {
        out.println();
        out.println("Strangler embedded environment is ready (" + environment.startupMillis().get("total") + " ms)");
        out.println("  Kafka bootstrap servers : " + environment.bootstrapServers());
        out.println("  Schema registry         : " + environment.registryUrl());
        out.println("  Monolith PostgreSQL     : " + environment.monolith().jdbcUrl()
                + "  (user " + environment.monolith().user() + ")");
        out.println("  Service PostgreSQL      : " + environment.service().jdbcUrl()
                + "  (user " + environment.service().user() + ")");
        out.println("  Sample monolith         : " + environment.sampleCounts().size() + " tables, "
                + environment.sampleCounts().values().stream().mapToLong(Long::longValue).sum() + " rows");
        out.println("  Passwords and addresses : " + connectionFile.toAbsolutePath());
        out.println("  Start-up (ms)           : " + environment.startupMillis());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
