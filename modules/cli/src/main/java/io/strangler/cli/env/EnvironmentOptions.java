package io.strangler.cli.env;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Command-line options shared by {@code env up} and {@code demo}: where and how the embedded stack starts. */
public final class EnvironmentOptions {

    @Option(names = "--work-dir", defaultValue = ".strangler",
            description = "Directory for logs and the connection file (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--kafka-port", defaultValue = "0",
            description = "Kafka client port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "0",
            description = "Schema registry HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--monolith-port", defaultValue = "0",
            description = "Monolith PostgreSQL port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int monolithPort;

    @Option(names = "--service-port", defaultValue = "0",
            description = "Service PostgreSQL port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int servicePort;

    @Option(names = "--rows", defaultValue = "1000",
            description = "Size of the sample monolith: rows of the main tables (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of the sample data generator (default: ${DEFAULT-VALUE}).")
    long seed;

    public int rows() {
        return rows;
    }

    public long seed() {
        return seed;
    }

    public Path workDir() {
        return workDir;
    }

    public EmbeddedEnvironment.Settings toSettings(boolean seedService) {
        return new EmbeddedEnvironment.Settings(workDir, kafkaPort, registryPort, monolithPort, servicePort, rows, seed,
                seedService);
    }
}
