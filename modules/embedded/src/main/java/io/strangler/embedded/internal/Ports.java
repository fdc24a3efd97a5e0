package io.strangler.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers shared by the embedded servers. */
public final class Ports {

    private Ports() {
    }

    /**
     * A port that was free a moment ago. Callers must still cope with losing the race to another process
     * (retry on a bind failure), which is why servers that can bind port 0 themselves should do so instead.
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /** Fails with "port N is already in use" when something listens on the requested loopback port. */
    public static void requireAvailable(int port, String serverName) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (BindException e) {
            throw new PortInUseException(port, serverName, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot probe port " + port + " for " + serverName, e);
        }
    }

    /** True if the throwable or any of its causes is a {@link BindException}. */
    public static boolean isBindFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
