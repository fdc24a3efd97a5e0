package io.strangler.cli.router;

import io.strangler.cli.run.ConfigOverrides;
import io.strangler.core.config.ConfigFiles;
import io.strangler.router.RouterConfig;
import io.strangler.router.StranglerRouter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strangler router run --config router.properties}: one router instance, until Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a router instance from a properties file (see docs/router.md) and run until Ctrl-C."
                + " Values may be $${env:NAME} or $${file:PATH:KEY}, e.g. admin.token=$${env:ROUTER_ADMIN_TOKEN}.")
final class RouterRunCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Router properties file.")
    Path config;

    @Mixin
    ConfigOverrides overrides;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        StranglerRouter router = StranglerRouter.start(ConfigFiles.build(config,
                ConfigFiles.read(config, overrides.values()), RouterConfig::new));
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
}
