package io.strangler.cli.env;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code strangler env}: the embedded environment for trying Strangler and developing against it. */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description = "Manage the embedded environment (Kafka, schema registry, monolith and service PostgreSQL).",
        subcommands = {EnvUpCommand.class})
public final class EnvCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
