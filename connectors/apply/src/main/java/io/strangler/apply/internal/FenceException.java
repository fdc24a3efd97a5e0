package io.strangler.apply.internal;

/**
 * The offsets table is ahead of the records in hand: another instance (or an earlier life of this one) already
 * applied them. The batch is rolled back and the sink seeks to the stored offsets.
 */
public final class FenceException extends Exception {

    private static final long serialVersionUID = 1L;

    public FenceException(String message) {
        super(message);
    }
}
