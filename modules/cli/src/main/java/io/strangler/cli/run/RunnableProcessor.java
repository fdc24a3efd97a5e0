package io.strangler.cli.run;

/** A processor as {@link ProcessorRunner} runs it: one of capture, apply, sync, consistency, or a whole sync pipeline. */
public interface RunnableProcessor extends AutoCloseable {

    /** Starts it; returns once it runs in the background. */
    void start();

    ProcessorState state();

    /** Its metrics in the Prometheus text format (version 0.0.4). */
    String prometheusMetrics();

    /** The latest error it reported, or null. */
    default String lastError() {
        return null;
    }

    /** Stops it, finishing or rolling back the work in flight. */
    @Override
    void close();
}
