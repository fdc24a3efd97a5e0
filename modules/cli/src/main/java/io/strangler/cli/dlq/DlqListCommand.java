package io.strangler.cli.dlq;

import io.strangler.cli.run.ConfigOverrides;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strangler dlq list}: prints the dead letters; reads only, commits no consumer group. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the dead letters on strangler.sync.dlq, one line each: partition:offset, when it failed"
                + " (UTC), component, source, table, key, SQLSTATE and the error, then a count per component and"
                + " table. Reads the topic from its beginning to the end it had at start, without a consumer group:"
                + " listing changes nothing.",
            "Examples:",
            "  strangler dlq list --config sync.properties",
            "  strangler dlq list --config sync.properties --component apply --table public.orders --since 2h",
            "  strangler dlq list --bootstrap-servers kafka:9092 --schema-registry http://registry:8081 --format json"})
public final class DlqListCommand implements Callable<Integer> {

    @Mixin
    DlqConnectionOptions connection;

    @Mixin
    ConfigOverrides overrides;

    @Mixin
    DlqFilterOptions selection;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default) or json: one JSON object per line, for scripts (the summary then goes to"
                    + " standard error).")
    String format;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        DlqFormat output = DlqCommands.format(spec, format);
        DlqFilter filter = DlqCommands.filter(spec, selection, List.of());
        DlqSettings settings = connection.settings(overrides.values());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DlqReader reader = new DlqReader(settings)) {
            DlqReader.Letters letters = reader.letters(filter);
            letters.entries().forEach(entry -> out.println(output.line(entry)));
            (output == DlqFormat.TEXT ? out : err).println(DlqFormat.summary(letters.entries()));
            DlqCommands.warnUndecodable(err, letters);
        } catch (DlqUnavailableException e) {
            err.println("strangler dlq list: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }
}
