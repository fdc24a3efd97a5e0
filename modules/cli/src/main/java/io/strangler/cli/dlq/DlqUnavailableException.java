package io.strangler.cli.dlq;

/** The cluster or the registry could not be reached or answered with an error: the message names which and where. */
final class DlqUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DlqUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
