package io.strangler.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Prints the cause chain of a failed command in one readable line; the stack trace goes to the log. */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        LOGGER.error("strangler {} failed", commandLine.getCommandName(), ex);
        StringBuilder message = new StringBuilder("strangler: ").append(describe(ex));
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            message.append("\n  caused by: ").append(describe(cause));
        }
        commandLine.getErr().println(commandLine.getColorScheme().errorText(message.toString()));
        return 1;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
