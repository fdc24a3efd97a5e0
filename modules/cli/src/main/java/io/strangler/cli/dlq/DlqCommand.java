package io.strangler.cli.dlq;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code strangler dlq}: the dead letters on {@code strangler.sync.dlq}, listed or replayed. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"List or replay the dead letters on strangler.sync.dlq: records a component (capture, apply,"
                + " sync, replicate) gave up on, with their cause (see docs/sync.md, Dead letters).",
            "Example: strangler dlq list --config topologies/sync/examples/sync-postgresql.properties"},
        subcommands = {DlqListCommand.class, DlqReplayCommand.class})
public final class DlqCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
