package io.strangler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Picocli passes every description, header and footer through {@link String#format}: a lone {@code %} (write
 * {@code %%}) makes it print a warning and the raw text, with {@code %n} left unexpanded. Checked for every command.
 */
class UsageHelpTest {

    @Test
    void shouldFormatEveryCommandsHelpTextWithoutError() {
        Map<String, CommandLine> commands = new TreeMap<>();
        collect(StranglerCommand.newCommandLine(), commands);
        List<String> unformattable = new ArrayList<>();

        commands.forEach((name, commandLine) -> texts(commandLine.getCommandSpec()).forEach(text -> {
            try {
                String.format(text);
            } catch (IllegalFormatException e) {
                unformattable.add(name + ": " + e.getMessage() + " in '" + text + "'");
            }
        }));

        assertThat(commands).as("commands walked").containsKeys("strangler", "strangler status",
                "strangler dlq replay");
        assertThat(unformattable).as("help texts picocli cannot format (write %% for a literal %)").isEmpty();
    }

    @Test
    void shouldPrintTheStatusHelpWithALiteralPercentSign() {
        CliRunner cli = new CliRunner();

        int exit = cli.run("status", "--help");

        assertThat(exit).isZero();
        assertThat(cli.out()).contains("the auditor's consistency % and open discrepancies").doesNotContain("%%");
    }

    private static void collect(CommandLine commandLine, Map<String, CommandLine> into) {
        into.put(commandLine.getCommandSpec().qualifiedName(), commandLine);
        commandLine.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static List<String> texts(CommandSpec spec) {
        UsageMessageSpec usage = spec.usageMessage();
        List<String> texts = new ArrayList<>();
        texts.addAll(List.of(usage.description()));
        texts.addAll(List.of(usage.header()));
        texts.addAll(List.of(usage.footer()));
        texts.add(usage.descriptionHeading());
        texts.add(usage.headerHeading());
        texts.add(usage.footerHeading());
        texts.add(usage.optionListHeading());
        texts.add(usage.parameterListHeading());
        texts.add(usage.commandListHeading());
        for (ArgSpec arg : spec.args()) {
            texts.addAll(List.of(arg.description()));
        }
        return texts;
    }
}
