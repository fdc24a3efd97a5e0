package io.strangler.cli.dlq;

import io.strangler.cli.run.ConfigOverrides;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strangler dlq replay}: sends selected dead letters' records again, each once. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-publish the selected dead letters' original records (key and value bytes as they were read)"
                + " to the topic and partition they were read from, once the cause is fixed (a missing table created,"
                + " a mapping corrected). Records and their markers on strangler.dlq.replayed are written in one Kafka"
                + " transaction, so running it twice sends nothing the second time (unless --again). Dead letters"
                + " that carry no record as read (capture's, the conflict resolver's) are skipped with the reason.",
            "Examples:",
            "  strangler dlq replay --config sync.properties --dry-run --component apply --table public.orders",
            "  strangler dlq replay --config sync.properties --offset 0:42 --offset 0:43",
            "  strangler dlq replay --config sync.properties --since 2026-12-07T09:00:00Z"})
public final class DlqReplayCommand implements Callable<Integer> {

    @Mixin
    DlqConnectionOptions connection;

    @Mixin
    ConfigOverrides overrides;

    @Mixin
    DlqFilterOptions selection;

    @Option(names = "--offset", paramLabel = "[PARTITION:]OFFSET",
            description = "Only the dead letter at this DLQ position, as list prints it (repeatable; a bare OFFSET"
                    + " matches it in any partition).")
    List<String> positions = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print what would be sent, and why others are skipped; send nothing.")
    boolean dryRun;

    @Option(names = "--again", description = "Also replay dead letters already replayed.")
    boolean again;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DlqFilter filter = DlqCommands.filter(spec, selection, positions);
        DlqSettings settings = connection.settings(overrides.values());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DlqReader reader = new DlqReader(settings)) {
            // the limit counts records to send, so it is applied by the planner, after already-replayed ones
            DlqReader.Letters letters = reader.letters(filter.withoutLimit());
            List<ReplayDecision> plan = new ReplayPlanner(reader.names(), reader.replayed(), again)
                    .plan(letters.entries(), filter.limit());
            List<ReplayDecision.Send> sends = plan.stream().filter(ReplayDecision.Send.class::isInstance)
                    .map(ReplayDecision.Send.class::cast).toList();
            if (!dryRun && !sends.isEmpty()) {
                try (DlqReplayer replayer = new DlqReplayer(settings, Clock.systemUTC())) {
                    replayer.replay(sends);
                }
            }
            plan.forEach(decision -> out.println(ReplayReport.line(decision, dryRun)));
            out.println(ReplayReport.summary(plan, dryRun));
            DlqCommands.warnUndecodable(err, letters);
        } catch (DlqUnavailableException e) {
            err.println("strangler dlq replay: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }
}
