package io.strangler.router.internal;

/** A backend's response that cannot be forwarded safely: the proxy answers 502 and drops the connection. */
final class MalformedResponseException extends Exception {

    MalformedResponseException(String reason) {
        super(reason, null, false, false);
    }
}
