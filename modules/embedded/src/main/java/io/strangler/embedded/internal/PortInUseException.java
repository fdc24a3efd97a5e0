package io.strangler.embedded.internal;

import io.strangler.embedded.EmbeddedServerException;

/** A requested fixed port is taken by another process. */
public final class PortInUseException extends EmbeddedServerException {

    private static final long serialVersionUID = 1L;

    public PortInUseException(int port, String serverName, Throwable cause) {
        super("port " + port + " is already in use: " + serverName + " cannot listen on it"
                + " (choose another port or 0 for a random free one)", cause);
    }
}
