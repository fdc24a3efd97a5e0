package io.strangler.sync;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strangler.apply.ApplySink;
import io.strangler.capture.CaptureProcessor;
import io.strangler.core.metrics.KafkaMetricsText;
import io.strangler.core.mapping.Side;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole bi-directional migration in one process: capture of both databases, the {@link SyncApp} and an apply sink
 * per side. These are the ordinary {@link CaptureProcessor}, {@link SyncApp} and {@link ApplySink}, which also run as
 * processes of their own ({@code strangler run capture|sync|apply}); this class only derives their configurations
 * from one file and starts and stops them in order.
 *
 * <pre>{@code
 * try (SyncPipeline pipeline = SyncPipeline.create(SyncPipelineConfig.fromProperties(file))) {
 *     pipeline.start();
 *     SyncPipeline.Status status = pipeline.status();   // captured / applied per side, conflicts by kind
 * }
 * }</pre>
 */
public final class SyncPipeline implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(SyncPipeline.class);
    private static final String APPLY_LATENCY = "strangler.apply.latency";

    /**
     * One side's figures, cumulative since start.
     *
     * @param captured       changes captured from this side's database
     * @param emitted        apply commands the sync sent to this side (this instance's tasks)
     * @param applied        commands the sink committed into this side's database (applied or dead-lettered)
     * @param appliedLatency how many of them carried an origin commit time, and their commit → commit latency summed,
     *                       so that a reader of two statuses gets the mean latency between them
     * @param deadLetters    dead letters of this side's capture and sink
     */
    public record SideStatus(long captured, long emitted, long applied, long latencyCount, double latencyTotalMillis,
                             long deadLetters, String captureState, String applyState) {
    }

    /**
     * A snapshot of the pipeline.
     *
     * @param conflicts         conflicts the sync resolved, by kind (e.g. UPDATE_UPDATE)
     * @param syncDeadLetters   records the sync sent to the dead-letter topic
     * @param lastError         the latest error of any part, or null
     */
    public record Status(Map<Side, SideStatus> sides, Map<String, Long> conflicts, long syncDeadLetters,
                         String syncState, String lastError) {

        public Status {
            sides = Map.copyOf(sides);
            conflicts = Map.copyOf(conflicts);
        }

        public SideStatus side(Side side) {
            return sides.get(side);
        }

        public long deadLetters() {
            return syncDeadLetters + sides.values().stream().mapToLong(SideStatus::deadLetters).sum();
        }

        public long conflictsTotal() {
            return conflicts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final SyncApp sync;
    private final Map<Side, CaptureProcessor> captures;
    private final Map<Side, ApplySink> sinks;
    private final PrometheusMeterRegistry meters;

    private SyncPipeline(SyncApp sync, Map<Side, CaptureProcessor> captures, Map<Side, ApplySink> sinks,
            PrometheusMeterRegistry meters) {
        this.sync = sync;
        this.captures = captures;
        this.sinks = sinks;
        this.meters = meters;
    }

    /**
     * Validates the mappings against both databases and builds every part (nothing runs yet).
     *
     * @throws io.strangler.core.mapping.MappingException listing every problem of the mappings
     * @throws org.apache.kafka.common.config.ConfigException naming the key of a bad or missing setting
     * @throws IllegalStateException naming the database that cannot be reached
     */
    public static SyncPipeline create(SyncPipelineConfig config) {
        SyncApp sync;
        try {
            sync = SyncApp.fromConfig(config.sync());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database catalogues to validate the mappings: "
                    + e.getMessage(), e);
        }
        // one registry for the four: their meters are tagged by source and target, so one scrape shows them all
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<Side, CaptureProcessor> captures = new EnumMap<>(Side.class);
        Map<Side, ApplySink> sinks = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            captures.put(side, new CaptureProcessor(config.captureConfig(side, sync.mappings()), meters));
            sinks.put(side, ApplySink.create(config.applyConfig(side), meters));
        }
        return new SyncPipeline(sync, captures, sinks, meters);
    }

    /**
     * Starts the sinks, the sync (which creates every topic it reads and writes) and the captures, in that order;
     * returns at once. A part that fails to start stops those started before it.
     */
    public void start() {
        try {
            sinks.values().forEach(ApplySink::start);
            sync.start();
            captures.values().forEach(CaptureProcessor::start);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOGGER.info("Sync pipeline {} running: {} mapping(s) between '{}' and '{}'", sync.config().applicationId(),
                sync.mappings().size(), sync.config().settings().monolithSource(),
                sync.config().settings().serviceSource());
    }

    public Status status() {
        Map<String, Long> conflicts = new TreeMap<>();
        Map<String, Long> emitted = new TreeMap<>();
        long syncDeadLetters = 0;
        for (var metric : sync.metrics().entrySet()) {
            if (!"strangler-sync".equals(metric.getKey().group())
                    || !(metric.getValue().metricValue() instanceof Number value)) {
                continue;
            }
            switch (metric.getKey().name()) {
                case "conflicts-total" -> conflicts.merge(metric.getKey().tags().get("kind"), value.longValue(), Long::sum);
                case "applies-total" -> emitted.merge(metric.getKey().tags().get("target"), value.longValue(), Long::sum);
                case "dead-letters-total" -> syncDeadLetters += value.longValue();
                default -> { }
            }
        }
        conflicts.values().removeIf(count -> count == 0);
        Map<Side, SideStatus> sides = new EnumMap<>(Side.class);
        String lastError = sync.lastError();
        for (Side side : Side.values()) {
            CaptureProcessor capture = captures.get(side);
            ApplySink sink = sinks.get(side);
            ApplySink.Status applied = sink.status();
            Timer latency = sink.meterRegistry().find(APPLY_LATENCY).timer();
            sides.put(side, new SideStatus(capture.metrics().changesCaptured(), emitted.getOrDefault(side.label(), 0L),
                    applied.recordsCommitted(),
                    latency == null ? 0 : latency.count(),
                    latency == null ? 0 : latency.totalTime(TimeUnit.MILLISECONDS),
                    capture.metrics().deadLetters() + applied.commandsDeadLettered(), capture.state().name(),
                    applied.state().name()));
            if (lastError == null) {
                lastError = capture.lastError().map(Throwable::getMessage).orElse(applied.lastError());
            }
        }
        var streamsState = sync.streamsState();
        return new Status(sides, conflicts, syncDeadLetters, streamsState == null ? "-" : streamsState.name(),
                lastError);
    }

    /** The meters of both captures and both sinks and the sync's Kafka Streams metrics, in the Prometheus text format. */
    public String prometheusMetrics() {
        return meters.scrape() + KafkaMetricsText.render(sync.metrics());
    }

    public SyncApp sync() {
        return sync;
    }

    public CaptureProcessor capture(Side side) {
        return captures.get(side);
    }

    public ApplySink sink(Side side) {
        return sinks.get(side);
    }

    /** Stops the captures first, then the sync and the sinks, each finishing or rolling back its work in flight. */
    @Override
    public void close() {
        List<AutoCloseable> order = new ArrayList<>(captures.values());
        order.add(sync);
        order.addAll(sinks.values());
        RuntimeException failure = null;
        for (AutoCloseable part : order) {
            try {
                part.close();
            } catch (Exception e) {
                LOGGER.warn("Stopping {} failed: {}", part.getClass().getSimpleName(), e.toString(), e);
                failure = failure == null ? new IllegalStateException("stopping the sync pipeline failed", e) : failure;
            }
        }
        meters.close();
        if (failure != null) {
            throw failure;
        }
    }
}
