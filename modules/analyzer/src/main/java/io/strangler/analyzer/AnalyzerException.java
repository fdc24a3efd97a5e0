package io.strangler.analyzer;

/** An analysis that cannot produce a result (no tables, contradicting constraints, an unreadable catalogue). */
public final class AnalyzerException extends RuntimeException {

    public AnalyzerException(String message) {
        super(message);
    }

    public AnalyzerException(String message, Throwable cause) {
        super(message, cause);
    }
}
