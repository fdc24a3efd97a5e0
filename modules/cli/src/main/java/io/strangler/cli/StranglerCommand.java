package io.strangler.cli;

import io.strangler.cli.analyze.AnalyzeCommand;
import io.strangler.cli.consistency.ConsistencyCommand;
import io.strangler.cli.demo.DemoCommand;
import io.strangler.cli.dlq.DlqCommand;
import io.strangler.cli.env.EnvCommand;
import io.strangler.cli.generate.GenerateCommand;
import io.strangler.cli.replicate.ReplicateCommand;
import io.strangler.cli.router.RouterCommand;
import io.strangler.cli.run.RunCommand;
import io.strangler.cli.status.StatusCommand;
import io.strangler.cli.sync.SyncCommand;
import io.strangler.cli.validate.ReconcileCommand;
import io.strangler.cli.validate.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code strangler} command. Each processor and tool is a subcommand; this class only wires them and
 * turns failures into exit codes with a one-line cause (stack traces go to the log file).
 */
@Command(
        name = "strangler",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Zero-downtime migration from a monolith database to microservices on Kafka.",
        subcommands = {EnvCommand.class, DemoCommand.class, RouterCommand.class, ConsistencyCommand.class,
                RunCommand.class, SyncCommand.class, StatusCommand.class, DlqCommand.class, ReplicateCommand.class, ValidateCommand.class, ReconcileCommand.class, AnalyzeCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class StranglerCommand implements Runnable {

    static final String VERBOSE = "--verbose";

    @CommandLine.Option(names = VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the stack trace too (it is always in the log file).")
    boolean verbose;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new StranglerCommand());
        commandLine.registerConverter(java.time.Duration.class, new DurationConverter());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
