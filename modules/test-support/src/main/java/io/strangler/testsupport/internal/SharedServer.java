package io.strangler.testsupport.internal;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * One embedded server per JVM, started on first use (thread-safe) and closed when the root JUnit context closes
 * (end of the test run), with a shutdown hook as a safety net for runs that end abnormally.
 */
public final class SharedServer<T extends AutoCloseable> {

    private static final Logger LOGGER = LoggerFactory.getLogger(SharedServer.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);

    private final String name;
    private final Supplier<T> starter;
    private T server;
    private boolean hookRegistered;

    public SharedServer(String name, Supplier<T> starter) {
        this.name = name;
        this.starter = starter;
    }

    /** The running server, starting it if needed; its closing is tied to the root context of {@code context}. */
    public T get(ExtensionContext context) {
        T current = getOrStart();
        // the root store closes AutoCloseable values at the end of the run; one registration per server instance
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(new Key(name, current), key -> new Closer(),
                Closer.class);
        return current;
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

    private record Key(String name, Object server) {
    }

    private final class Closer implements AutoCloseable {
        @Override
        public void close() {
            SharedServer.this.close();
        }
    }
}
