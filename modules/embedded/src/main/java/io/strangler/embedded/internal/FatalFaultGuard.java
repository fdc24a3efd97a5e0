package io.strangler.embedded.internal;

import io.strangler.embedded.EmbeddedServerException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded broker's fatal fault from halting the JVM. A KRaft broker or controller that meets a fault it
 * cannot recover from (a metadata log it cannot write, a log directory deleted under it) calls Kafka's
 * {@link Exit#halt}: fine for a broker alone in its process, but in {@code ./strangler demo} or a test the JVM also
 * holds the databases' child processes, the processors and the test runner, which a halt kills without cleanup
 * (orphaned PostgreSQL servers, no message). Here the fault is logged, remembered for {@link #fault()} and thrown
 * to the broker thread that met it, and the JVM stays up so its owner can stop everything in order.
 */
public final class FatalFaultGuard {

    private static final Logger LOGGER = LoggerFactory.getLogger(FatalFaultGuard.class);
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final AtomicReference<String> FAULT = new AtomicReference<>();

    private FatalFaultGuard() {
    }

    /** Installs the guard for this JVM (idempotent); only JVMs that start an embedded broker call it. */
    public static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Exit.setHaltProcedure((status, message) -> fault("halt", status, message));
            Exit.setExitProcedure((status, message) -> fault("exit", status, message));
        }
    }

    /** The first fatal fault an embedded broker of this JVM met, if any. */
    public static Optional<String> fault() {
        return Optional.ofNullable(FAULT.get());
    }

    private static void fault(String request, int status, String message) {
        String description = "embedded Kafka met a fatal fault and asked to " + request + " the JVM (status " + status
                + (message == null ? "" : ", " + message) + "); it no longer serves — see the ERROR logged before this";
        FAULT.compareAndSet(null, description);
        LOGGER.error("{}. The JVM keeps running so that everything else stops cleanly; restart to recover.", description);
        throw new EmbeddedServerException(description);
    }
}
