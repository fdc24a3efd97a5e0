package io.strangler.apply;

/**
 * JMX view of one apply sink, registered as {@code io.strangler:type=ApplySink,target=<target>}. The same figures
 * are Micrometer meters ({@code strangler.apply.*}, tag {@code target}) for Prometheus.
 *
 * <p>Example: {@code jconsole} → MBeans → io.strangler → ApplySink → service → CommandsAppliedPerSecond.
 */
public interface ApplySinkMXBean {

    String getTarget();

    /** {@link ApplySink.State} name. */
    String getState();

    boolean isTargetReachable();

    /** Last connectivity error while the target is unreachable, otherwise empty. */
    String getLastError();

    long getRecordsCommitted();

    long getStatementsExecuted();

    long getCommandsDeadLettered();

    long getBatchesCommitted();

    int getLastBatchSize();

    double getLastBatchWriteMillis();

    /** Origin commit → target commit of the last command applied. */
    double getLastApplyLatencyMillis();

    /** Records committed per second over the last completed 10-second window. */
    double getCommandsAppliedPerSecond();
}
