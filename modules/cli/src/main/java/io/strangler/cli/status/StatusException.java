package io.strangler.cli.status;

/** The cluster could not be asked; the message names the cluster and the cause, for one line on the terminal. */
final class StatusException extends RuntimeException {

    StatusException(String message) {
        super(message);
    }
}
