package io.strangler.cli.router;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The admin subcommands: each one HTTP call to a router instance; the change reaches all instances by topic. */
final class RouterAdminCommands {

    private RouterAdminCommands() {
    }

    private static String route(String id) {
        return "routes/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** Base of the commands: prints the admin API's JSON answer. */
    abstract static class AdminCall implements Callable<Integer> {
        @Mixin
        AdminClient admin;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract String call(AdminClient client) throws Exception;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(call(admin));
            return 0;
        }
    }

    @Command(name = "routes", mixinStandardHelpOptions = true, description = "Show the route table.")
    static final class Routes extends AdminCall {
        @Override
        String call(AdminClient client) throws Exception {
            return client.get("routes");
        }
    }

    @Command(name = "weight", mixinStandardHelpOptions = true,
            description = "Send PERCENT of a route's traffic to the new side (stops a running ramp).")
    static final class Weight extends AdminCall {
        @Parameters(index = "0", paramLabel = "ROUTE")
        String routeId;

        @Parameters(index = "1", paramLabel = "PERCENT")
        int percent;

        @Override
        String call(AdminClient client) throws Exception {
            if (percent < 0 || percent > 100) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "PERCENT must be between 0 and 100, got " + percent);
            }
            return client.post("/" + route(routeId) + "/weight", "{\"percent\":" + percent + "}");
        }
    }

    @Command(name = "switch", mixinStandardHelpOptions = true,
            description = "Blue-green: switch a whole route to one side (STABLE or CANDIDATE).")
    static final class Switch extends AdminCall {
        @Parameters(index = "0", paramLabel = "ROUTE")
        String routeId;

        @Parameters(index = "1", paramLabel = "SIDE")
        String side;

        @Override
        String call(AdminClient client) throws Exception {
            return client.post("/" + route(routeId) + "/switch", "{\"side\":" + AdminClient.quote(side) + "}");
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Send all of a route's traffic back to the stable side at once, on every instance.")
    static final class Rollback extends AdminCall {
        @Parameters(index = "0", paramLabel = "ROUTE")
        String routeId;

        @Option(names = "--reason", defaultValue = "manual rollback from the CLI")
        String reason;

        @Override
        String call(AdminClient client) throws Exception {
            return client.post("/" + route(routeId) + "/rollback", "{\"reason\":" + AdminClient.quote(reason) + "}");
        }
    }

    @Command(name = "ramp", mixinStandardHelpOptions = true,
            description = "Start, pause, resume, abort or show a gradual ramp: ACTION is start|pause|resume|abort|status.")
    static final class Ramp extends AdminCall {
        @Parameters(index = "0", paramLabel = "ACTION")
        String action;

        @Parameters(index = "1", paramLabel = "ROUTE")
        String routeId;

        @Option(names = "--steps", split = ",", defaultValue = "1,5,25,50,100",
                description = "Percentages of the steps (default: ${DEFAULT-VALUE}).")
        List<Integer> steps;

        @Option(names = "--interval", defaultValue = "60s", description = "Time per step (default: ${DEFAULT-VALUE}).")
        Duration interval;

        @Override
        String call(AdminClient client) throws Exception {
            String base = "/" + route(routeId) + "/ramp";
            return switch (action) {
                case "start" -> client.post(base, "{\"steps\":["
                        + steps.stream().map(String::valueOf).collect(Collectors.joining(","))
                        + "],\"stepIntervalMs\":" + interval.toMillis() + "}");
                case "pause", "resume", "abort" -> client.post(base + "/" + action, "{}");
                case "status" -> client.get(base);
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown ramp action '" + action + "' (expected start, pause, resume, abort or status)");
            };
        }
    }
}
