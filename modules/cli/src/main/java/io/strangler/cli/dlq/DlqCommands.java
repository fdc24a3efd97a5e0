package io.strangler.cli.dlq;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** What {@code list} and {@code replay} check the same way: flags into a filter and a format, usage errors exit 2. */
final class DlqCommands {

    private DlqCommands() {}

    static DlqFilter filter(CommandLine.Model.CommandSpec spec, DlqFilterOptions selection, List<String> positions) {
        try {
            return selection.filter(positions);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static DlqFormat format(CommandLine.Model.CommandSpec spec, String format) {
        try {
            return DlqFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format must be text or json, was '" + format + "'");
        }
    }

    static void warnUndecodable(PrintWriter err, DlqReader.Letters letters) {
        if (letters.undecodable() > 0) {
            err.println("warning: " + letters.undecodable() + " record(s) on the DLQ are not DeadLetters and were"
                    + " left out");
        }
    }
}
