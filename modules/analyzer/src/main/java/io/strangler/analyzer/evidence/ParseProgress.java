package io.strangler.analyzer.evidence;

/**
 * Called while a long input is read, at most about once a second, and once at the end.
 * <pre>{@code
 * ParseProgress progress = (source, statements, perSecond, done) ->
 *         System.err.printf("%s: %,d statements, %,.0f/s%n", source, statements, perSecond);
 * }</pre>
 */
@FunctionalInterface
public interface ParseProgress {

    ParseProgress NONE = (source, statements, perSecond, done) -> { };

    void onProgress(String source, long statements, double statementsPerSecond, boolean done);
}
