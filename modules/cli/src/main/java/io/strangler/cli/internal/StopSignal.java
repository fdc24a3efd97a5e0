package io.strangler.cli.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop, for processors run from the command line. The JVM's own handling
 * of these signals runs the shutdown hooks and exits with 143 (128 + SIGTERM) whatever the hooks did, so a clean stop
 * could not be told from a crash by its exit code; here the signal only releases {@link #await}, the command stops its
 * processor on its own thread and returns its exit code (0 for a clean stop), and a stop that overruns its bound ends
 * the process with exit code 1 instead of hanging a Kubernetes pod until its grace period runs out.
 */
public final class StopSignal {

    private static final Logger LOGGER = LoggerFactory.getLogger(StopSignal.class);

    private final CountDownLatch requested = new CountDownLatch(1);

    private StopSignal() {
    }

    /** Installs the handlers for SIGTERM and SIGINT; call once per process, before starting the processor. */
    public static StopSignal install() {
        StopSignal signal = new StopSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), received -> {
                LOGGER.info("SIG{} received: stopping", received.getName());
                signal.requested.countDown();
            });
        }
        return signal;
    }

    /** Waits up to {@code timeout} for a stop request; returns whether one came. */
    public boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for a stop request. */
    public void await() throws InterruptedException {
        requested.await();
    }

    /**
     * Closes {@code processor}; if that takes longer than {@code bound}, logs what was still stopping and halts the JVM
     * with exit code 1.
     */
    public static void closeWithin(AutoCloseable processor, Duration bound) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(bound.toMillis());
            } catch (InterruptedException e) {
                return; // stopped in time
            }
            LOGGER.error("{} did not stop within {} s; exiting anyway", processor.getClass().getSimpleName(),
                    bound.toSeconds());
            Runtime.getRuntime().halt(1);
        }, "strangler-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            processor.close();
        } catch (Exception e) {
            LOGGER.warn("stopping {} failed: {}", processor.getClass().getSimpleName(), e.toString(), e);
        } finally {
            watchdog.interrupt();
        }
    }
}
