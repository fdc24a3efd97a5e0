package io.strangler.router.internal;

/**
 * A message that cannot be forwarded safely: a request is refused (400, or 431 when its head is too large), a backend's
 * response answered with 502; the connection it came on is not used again.
 */
final class MalformedMessageException extends Exception {

    private final boolean headTooLarge;

    MalformedMessageException(String reason) {
        this(reason, false);
    }

    MalformedMessageException(String reason, boolean headTooLarge) {
        super(reason, null, false, false);
        this.headTooLarge = headTooLarge;
    }

    boolean headTooLarge() {
        return headTooLarge;
    }
}
