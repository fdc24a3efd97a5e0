package io.strangler.testsupport.internal;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * One embedded server per JVM, started on first use (thread-safe) and closed by a shutdown hook. Not tied to the
 * root JUnit context: a JVM may run several launcher sessions (IDEs, a test that launches tests), and closing
 * at the end of one would pull the server from under the others.
 */
public final class SharedServer<T extends AutoCloseable> {

    private static final Logger LOGGER = LoggerFactory.getLogger(SharedServer.class);

    private final String name;
    private final Supplier<T> starter;
    private T server;
    private boolean hookRegistered;

    public SharedServer(String name, Supplier<T> starter) {
        this.name = name;
        this.starter = starter;
    }

    /** The running server, starting it if needed. */
    public T get(ExtensionContext context) {
        return getOrStart();
    }

    private synchronized T getOrStart() {
        if (server == null) {
            LOGGER.info("Starting shared embedded {} for this JVM", name);
            server = starter.get();
            if (!hookRegistered) {
                Runtime.getRuntime().addShutdownHook(new Thread(this::close, "strangler-close-" + name));
                hookRegistered = true;
            }
        }
        return server;
    }

    private synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                LOGGER.warn("Failed to close the shared embedded {}", name, e);
            }
            server = null;
        }
    }
}
