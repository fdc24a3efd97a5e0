package io.strangler.capture;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Map;

/** Names the captured database in messages and turns an engine's end into an error an operator can act on. */
final class EngineTarget {

    private EngineTarget() {
    }

    /** e.g. {@code postgresql database 'shop' at db.internal:5432} (never the password). */
    static String describe(CaptureConfig config) {
        Map<String, String> debezium = config.debeziumProperties();
        String database = debezium.getOrDefault("database.dbname",
                debezium.getOrDefault("database.include.list", "?"));
        return config.engine().name().toLowerCase(java.util.Locale.ROOT) + " database '" + database + "' at "
                + debezium.getOrDefault("database.hostname", "?") + ":" + debezium.getOrDefault("database.port", "?");
    }

    static CaptureException explain(CaptureConfig config, CaptureProcessor.EngineOutcome outcome) {
        Throwable error = outcome.error();
        Throwable root = root(error);
        Throwable ours = firstCaptureException(error);
        // our own message names the topic; the root cause's (e.g. a Kafka error) usually names nothing
        Throwable explained = ours != null && ours.getMessage() != null ? ours : root;
        String detail = explained != null && explained.getMessage() != null ? explained.getMessage() : outcome.message();
        String prefix = isConnectionLoss(error)
                ? "Capture '" + config.sourceName() + "' cannot reach its " + describe(config)
                : "Capture '" + config.sourceName() + "' engine stopped (" + describe(config) + ")";
        return new CaptureException(prefix + ": " + detail, error);
    }

    static boolean isConnectionLoss(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("refused") || message.contains("connection has been closed")
                    || message.contains("Communications link failure") || message.contains("Connection reset")
                    || message.contains("An I/O error occurred"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Throwable firstCaptureException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CaptureException) {
                return t;
            }
        }
        return null;
    }

    private static Throwable root(Throwable error) {
        Throwable t = error;
        while (t != null && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
