package io.strangler.cli.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resources started one after the other, closed in reverse order. Closing goes on past a failure so that a
 * half-started stack never leaves a server or a processor running.
 */
public final class StartedResources implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(StartedResources.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** Remembers {@code resource} for {@link #close()} and returns it. */
    public synchronized <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOGGER.warn("could not stop {} cleanly: {}", resource.getClass().getSimpleName(), e.getMessage(), e);
            }
        }
    }
}
