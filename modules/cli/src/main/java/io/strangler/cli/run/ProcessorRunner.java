package io.strangler.cli.run;

import io.strangler.cli.internal.StopSignal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one processor in the foreground as every Strangler process runs: a start-up banner with the file's settings
 * (secrets masked), its state logged on every change, /metrics and /health when asked for, SIGTERM or Ctrl-C → a clean
 * stop within a bound, and the exit code: 0 after a clean stop, 1 when the processor FAILED (configuration errors never
 * get here: they end the command with 2 before anything starts).
 */
public final class ProcessorRunner {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProcessorRunner.class);
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|user\\.info|jaas|credentials).*");
    private static final Duration STATE_POLL = Duration.ofMillis(500);

    private ProcessorRunner() {
    }

    /**
     * @param statusLine   a line printed every {@code statusInterval}, or null for none
     */
    public static int run(String name, ProcessorOptions options, Map<String, String> values,
            RunnableProcessor processor, PrintWriter out, Supplier<String> statusLine, Duration statusInterval)
            throws InterruptedException {
        out.println(banner(name, options.config(), values, options.overrides().keySet()));
        int port = httpPort(options, values);
        StopSignal stop = StopSignal.install();
        ProcessorEndpoints endpoints = null;
        try {
            if (port >= 0) {
                endpoints = ProcessorEndpoints.start(port, name, processor);
                out.printf("%s: /metrics and /health on port %d%n", name, endpoints.port());
            }
            processor.start();
            out.printf("%s started. Stop with Ctrl-C or SIGTERM.%n", name);
            out.flush();
            ProcessorState last = null;
            long nextStatus = System.nanoTime() + statusInterval.toNanos();
            while (!stop.await(STATE_POLL)) {
                ProcessorState state = processor.state();
                if (state != last) {
                    LOGGER.info("{} state {} -> {}", name, last == null ? "-" : last, state);
                    out.printf("%s: %s%n", name, state);
                    out.flush();
                    last = state;
                }
                if (state == ProcessorState.FAILED) {
                    out.printf("%s FAILED: %s%n", name, processor.lastError());
                    out.flush();
                    StopSignal.closeWithin(processor, options.stopTimeout);
                    return 1;
                }
                if (statusLine != null && !statusInterval.isZero() && System.nanoTime() >= nextStatus) {
                    out.println(statusLine.get());
                    out.flush();
                    nextStatus = System.nanoTime() + statusInterval.toNanos();
                }
            }
            out.printf("%s: STOPPING%n", name);
            out.flush();
            StopSignal.closeWithin(processor, options.stopTimeout);
            out.printf("%s: STOPPED%n", name);
            out.flush();
            return 0;
        } finally {
            if (endpoints != null) {
                endpoints.close();
            }
        }
    }

    /**
     * What the processor connects to: every setting of its file, in key order, secrets masked, the ones that
     * {@code --set} put over the file marked, so a reader of a container's log sees where a host came from.
     */
    static String banner(String name, Path file, Map<String, String> values, Set<String> overridden) {
        StringBuilder banner = new StringBuilder("strangler ").append(name).append(" from ").append(file)
                .append(':');
        new TreeMap<>(values).forEach((key, value) -> banner.append("\n  ").append(key).append(" = ")
                .append(SECRET.matcher(key).matches() ? "[hidden]" : value)
                .append(overridden.contains(key) ? "  (--set)" : ""));
        return banner.toString();
    }

    private static int httpPort(ProcessorOptions options, Map<String, String> values) {
        if (options.httpPort != null) {
            return options.httpPort;
        }
        String configured = values.get(ProcessorOptions.HTTP_PORT_KEY);
        if (configured == null || configured.isBlank()) {
            return -1;
        }
        try {
            int port = Integer.parseInt(configured.trim());
            if (port < -1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigException(ProcessorOptions.HTTP_PORT_KEY, configured, "must be a port, 0 or -1");
        }
    }
}
