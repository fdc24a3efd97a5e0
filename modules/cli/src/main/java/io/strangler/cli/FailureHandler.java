package io.strangler.cli;

import io.strangler.core.mapping.MappingException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Prints the cause chain of a failed command in one readable line and turns it into an exit code: 2 for bad input
 * (a configuration value, a mappings file that does not match the databases, a database or broker that cannot be
 * reached at start-up — all named in the message), 1 for anything else. The stack trace goes to the log file, and to
 * the terminal only with {@code --verbose}.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    /** Exit code of a command stopped by its input: a bad key, mappings or address. Nothing was written. */
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    private static final Logger LOGGER = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        // INFO: the log file gets the stack trace, the terminal (warnings and up) only the line below
        LOGGER.info("strangler {} failed", commandLine.getCommandName(), ex);
        StringBuilder message = new StringBuilder("strangler: ").append(describe(ex));
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            message.append("\n  caused by: ").append(describe(cause));
        }
        commandLine.getErr().println(commandLine.getColorScheme().errorText(message.toString()));
        if (parseResult != null && parseResult.originalArgs().contains(StranglerCommand.VERBOSE)) {
            ex.printStackTrace(commandLine.getErr());
        }
        return isBadInput(ex) ? BAD_INPUT : FAILED;
    }

    private static boolean isBadInput(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConfigException || cause instanceof MappingException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
