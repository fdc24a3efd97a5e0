package io.strangler.cli.router;

import io.strangler.router.RouterConfig;
import io.strangler.router.StranglerRouter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strangler router run --config router.properties}: one router instance, until Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a router instance from a properties file (see docs/router.md) and run until Ctrl-C.")
final class RouterRunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Router properties file.")
    Path config;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        StranglerRouter router = StranglerRouter.start(new RouterConfig(load(config)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            router.close();
            stopped.countDown();
        }, "strangler-router-shutdown"));
        out.printf("router %s listening on port %d, admin API on port %d. Press Ctrl-C to stop.%n",
                router.instanceId(), router.port(), router.adminPort());
        out.flush();
        stopped.await();
        return 0;
    }

    static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read router config " + file + ": " + e.getMessage(), e);
        }
    }
}
