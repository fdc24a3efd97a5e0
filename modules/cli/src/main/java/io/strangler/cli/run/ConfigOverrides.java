package io.strangler.cli.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --set KEY=VALUE}, repeatable: settings put over the properties file, so that a container runs a mounted
 * example unchanged but for its hosts, and a password comes from the environment without being written on the command
 * line ({@code --set 'database.password=${env:MONOLITH_PASSWORD}'}). Read by {@code strangler run <processor>},
 * {@code strangler sync} and {@code strangler router run}.
 */
public final class ConfigOverrides {

    /** A key as properties files write them, without the spaces and separators a quoting mistake would leave in it. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec mixee;

    private final Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Put KEY=VALUE over the properties file (repeatable; the last one of a key wins). VALUE may"
                    + " be $${env:NAME} or $${file:PATH:KEY}, as in the file, so a password stays off the command line."
                    + " Keys are checked as the file's are; values of secret keys are masked in the banner.")
    void set(Map<String, String> entries) {
        entries.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new ParameterException(mixee.commandLine(), "--set: '" + key + "' is not a configuration key"
                        + " (write --set KEY=VALUE, e.g. --set database.hostname=monolith-db)");
            }
            values.put(key, value);
        });
    }

    /** The overrides in the order given, the last one of a key kept. */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }
}
