package io.strangler.capture;

/** A capture failure whose message names the source, and where known the table, key or position at fault. */
public class CaptureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
