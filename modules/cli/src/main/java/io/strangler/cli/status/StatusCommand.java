package io.strangler.cli.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.strangler.core.config.ConfigFiles;
import io.strangler.core.config.StranglerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strangler status}: the migration's state as Kafka holds it (consumer-group lag per side, recent conflicts and
 * dead letters, the auditor's consistency, the routes), from any machine that reaches the cluster.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a running migration's state from Kafka alone: each consumer group's lag per side"
                + " (records and seconds; the same figures as kafka-consumer-groups.sh --describe), conflicts in the"
                + " last minute and hour by mapping, kind and strategy, dead letters, the auditor's consistency %%"
                + " and open discrepancies, and the router's route weights and ramp state (see docs/sync.md).",
            "Example: strangler status --config topologies/sync/examples/sync-postgresql.properties --watch"})
public final class StatusCommand implements Callable<Integer> {

    /** Kafka client settings a properties file may carry for reaching a secured cluster. */
    private static final String[] CLIENT_KEY_PREFIXES = {"security.", "sasl.", "ssl."};

    @Option(names = "--config", paramLabel = "FILE",
            description = "A processor's or strangler sync's properties file: bootstrap.servers, schema.registry.url,"
                    + " strangler.topic.prefix, the group names and any security.*/sasl.*/ssl.* keys are read from it.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka brokers (overrides bootstrap.servers from --config).")
    String bootstrapServers;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "Schema registry URL (overrides schema.registry.url); without one only lags are shown.")
    String schemaRegistry;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Topic prefix (overrides strangler.topic.prefix; default strangler).")
    String prefix;

    @Option(names = "--json", description = "Print the report as JSON, for scripts.")
    boolean json;

    @Option(names = "--watch", arity = "0..1", paramLabel = "INTERVAL", fallbackValue = "5s",
            description = "Print the report again every INTERVAL (default 5s) until Ctrl-C.")
    Duration watch;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long to wait for the cluster before giving up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StatusSettings settings = settings();
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
        try (ClusterStatusReader reader = new ClusterStatusReader(settings, Clock.systemUTC())) {
            do {
                StatusReport report;
                try {
                    report = reader.read();
                } catch (StatusException e) {
                    if (watch == null) {
                        spec.commandLine().getErr().println("strangler status: " + e.getMessage());
                        return 1;
                    }
                    out.println("strangler status: " + e.getMessage());
                    out.flush();
                    Thread.sleep(watch.toMillis());
                    continue;
                }
                out.print(json ? mapper.writeValueAsString(report) + System.lineSeparator() : StatusText.render(report));
                out.flush();
                if (watch != null) {
                    Thread.sleep(watch.toMillis());
                    out.println();
                }
            } while (watch != null);
        }
        return 0;
    }

    private StatusSettings settings() {
        Map<String, String> values = config == null ? Map.of() : ConfigFiles.read(config);
        Map<String, Object> client = new HashMap<>();
        values.forEach((key, value) -> {
            for (String clientPrefix : CLIENT_KEY_PREFIXES) {
                if (key.startsWith(clientPrefix)) {
                    client.put(key, value);
                }
            }
        });
        String servers = bootstrapServers != null ? bootstrapServers : values.get(StranglerConfig.BOOTSTRAP_SERVERS);
        if (servers == null || servers.isBlank()) {
            throw new ConfigException(StranglerConfig.BOOTSTRAP_SERVERS, null, "is required: give --bootstrap-servers"
                    + (config == null ? " or --config FILE" : " (" + config + " does not set it)"));
        }
        if (watch != null && (watch.isNegative() || watch.isZero())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--watch must be positive, was " + watch);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be positive, was " + timeout);
        }
        return new StatusSettings(servers,
                Optional.ofNullable(schemaRegistry != null ? schemaRegistry
                        : values.get(StranglerConfig.SCHEMA_REGISTRY_URL)).filter(url -> !url.isBlank()),
                prefix != null ? prefix
                        : values.getOrDefault(StranglerConfig.TOPIC_PREFIX, StranglerConfig.DEFAULT_TOPIC_PREFIX),
                Optional.of(values.getOrDefault("application.id", "strangler-sync")),
                Optional.of(values.getOrDefault("strangler.consistency.application.id", "strangler-consistency")),
                client, timeout);
    }
}
