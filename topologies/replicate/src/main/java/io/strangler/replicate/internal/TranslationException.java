package io.strangler.replicate.internal;

/** A change the replicate stage cannot turn into an apply command; it is dead-lettered with this message. */
public final class TranslationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TranslationException(String message) {
        super(message);
    }

    public TranslationException(String message, Throwable cause) {
        super(message, cause);
    }
}
