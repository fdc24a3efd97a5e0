package io.strangler.deploy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strangler.apply.ApplySink;
import io.strangler.apply.ApplySinkConfig;
import io.strangler.capture.CaptureConfig;
import io.strangler.capture.CaptureProcessor;
import io.strangler.consistency.internal.AuditorMeters;
import io.strangler.core.mapping.Side;
import io.strangler.core.metrics.KafkaMetricsText;
import io.strangler.router.RouterConfig;
import io.strangler.router.StranglerRouter;
import io.strangler.schemas.ConflictKind;
import io.strangler.sync.internal.Effect;
import io.strangler.sync.internal.SyncMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/**
 * The metric names (and their label names) that the processors expose on /metrics, produced by the processors' own
 * code, never listed by hand: capture and apply as built from their deployed configuration (meters register at
 * construction), the router's admin /metrics of a real standalone instance on loopback, and the sync's and auditor's
 * Kafka Streams sensors recorded once each through their metrics classes and rendered by the same
 * {@link KafkaMetricsText} the processors use.
 */
final class RegisteredMetrics {

    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    private final Map<String, Set<String>> labels = new HashMap<>();

    Map<String, Set<String>> labelsByMetric() {
        return labels;
    }

    void addCapture(CaptureConfig config) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CaptureProcessor capture = new CaptureProcessor(config, registry);
        try {
            add(registry.scrape());
        } finally {
            capture.close();
        }
    }

    void addApply(ApplySinkConfig config) {
        ApplySink sink = ApplySink.create(config);
        try {
            add(sink.scrape());
        } finally {
            sink.close();
        }
    }

    /** Every recording method of the sync's metrics, once, for every kind and side it takes. */
    void addSync() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        SyncMetrics sync = new SyncMetrics(context.metrics(), "0_0");
        for (ConflictKind kind : ConflictKind.values()) {
            sync.conflict(kind, "last-write-wins");
        }
        for (Effect.Why why : Effect.Why.values()) {
            sync.suppressed(why);
        }
        for (Side side : Side.values()) {
            sync.apply(side);
            sync.rekeyed(side);
            sync.positionReset(side);
            sync.unmappedColumn("customers", side);
            sync.lag(side, 5);
        }
        sync.deadLetter();
        sync.storeEntries(1);
        add(KafkaMetricsText.render(context.metrics().metrics()));
    }

    void addConsistency() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        AuditorMeters.registerAfterOneStatus(context.metrics(), "0_0");
        add(KafkaMetricsText.render(context.metrics().metrics()));
    }

    /**
     * A standalone router (no Kafka) from the deployed settings, on loopback ports, its backends moved to a closed
     * loopback port so that its health checks contact nothing else; its admin /metrics as Prometheus scrapes it.
     */
    void addRouter(Map<String, String> deployed, Path temporary) throws Exception {
        Path routes = temporary.resolve("routes.yaml");
        Files.writeString(routes, Files.readString(Path.of(deployed.get(RouterConfig.ROUTES_FILE)))
                .replaceAll("url: \"http://[^\"]*\"", "url: \"http://127.0.0.1:9\""));
        Map<String, String> values = new HashMap<>(deployed);
        values.put(RouterConfig.LISTEN_HOST, "127.0.0.1");
        values.put(RouterConfig.LISTEN_PORT, "0");
        values.put(RouterConfig.ADMIN_HOST, "127.0.0.1");
        values.put(RouterConfig.ADMIN_PORT, "0");
        values.put(RouterConfig.KAFKA_BOOTSTRAP, "");
        values.put(RouterConfig.REGISTRY_URL, "");
        values.put(RouterConfig.WARMUP_REQUESTS, "0");
        values.put(RouterConfig.ROUTES_FILE, routes.toString());
        String token = values.get(RouterConfig.ADMIN_TOKEN);
        try (StranglerRouter router = StranglerRouter.start(new RouterConfig(values))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + router.adminPort() + "/metrics"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("router /metrics answered " + response.statusCode() + ": " + response.body());
            }
            add(response.body());
        }
    }

    private void add(String prometheusText) {
        for (String line : prometheusText.split("\n")) {
            Matcher series = SERIES.matcher(line);
            if (line.startsWith("#") || !series.find()) {
                continue;
            }
            Set<String> names = labels.computeIfAbsent(series.group(1), name -> new HashSet<>());
            if (series.group(3) != null) {
                Matcher label = LABEL.matcher(series.group(3));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        }
    }
}
