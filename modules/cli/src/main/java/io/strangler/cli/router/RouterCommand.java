package io.strangler.cli.router;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code strangler router}: run a router instance, or steer running ones through their admin API. */
@Command(
        name = "router",
        mixinStandardHelpOptions = true,
        description = "Run the traffic router, or change weights, switch, ramp and roll back through its admin API.",
        subcommands = {RouterRunCommand.class, RouterAdminCommands.Routes.class, RouterAdminCommands.Weight.class,
            RouterAdminCommands.Switch.class, RouterAdminCommands.Rollback.class, RouterAdminCommands.Ramp.class})
public final class RouterCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
