package io.strangler.sync.internal;

/** A change the sync cannot process for its content; it goes to the dead-letter topic. */
public final class UnprocessableChangeException extends RuntimeException {

    public UnprocessableChangeException(String message) {
        super(message);
    }
}
