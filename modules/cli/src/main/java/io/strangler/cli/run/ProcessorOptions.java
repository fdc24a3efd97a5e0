package io.strangler.cli.run;

import io.strangler.core.config.StranglerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code strangler run <processor>} (and {@code strangler sync}) takes. */
public final class ProcessorOptions {

    /** Key of the properties file naming the port of /metrics and /health; the option below wins over it. */
    public static final String HTTP_PORT_KEY = StranglerConfig.HTTP_PORT;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The processor's properties file.")
    Path config;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Serve /metrics (Prometheus) and /health, /health/live, /health/ready on this port; 0 picks"
                    + " a free one, -1 turns them off. Default: the file's " + HTTP_PORT_KEY + ", else off.")
    Integer httpPort;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Longest clean stop after SIGTERM or Ctrl-C before the process exits with 1 anyway"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration stopTimeout;

    @Mixin
    ConfigOverrides overrides;

    public Path config() {
        return config;
    }

    /** The {@code --set} settings put over {@link #config()}. */
    public Map<String, String> overrides() {
        return overrides.values();
    }
}
