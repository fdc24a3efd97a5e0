package io.strangler.api;

import io.strangler.consistency.ConsistencyAuditor;
import io.strangler.consistency.ConsistencyConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous validation: the consistency auditor ({@link ConsistencyAuditor}, as {@code strangler run consistency}
 * runs it) compares the latest row hash of both sides from the change topics; a row that disagrees for longer than
 * the grace period is a discrepancy; below the alert threshold the auditor raises its alert, and this handle calls
 * the {@link ConsistencyAlert.Listener} when it is raised and when it clears.
 *
 * <pre>{@code
 * try (ContinuousValidation watch = validator.continuous()
 *         .alertThreshold(99.5)
 *         .grace(Duration.ofSeconds(30))
 *         .onAlert(alert -> pager.page("consistency " + alert.percent() + " %"))
 *         .start()) {
 *     watch.consistencyPercent();   // empty until the first status
 * }
 * }</pre>
 */
public final class ContinuousValidation implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(ContinuousValidation.class);

    /**
     * What the builder validated.
     *
     * @param alertThresholdPercent 0..100: an alert while the consistency percentage is below it
     * @param grace                 how long a row may disagree (a change in flight) before it is a discrepancy
     * @param statusInterval        how often the auditor publishes its status, and so how often alerts are checked
     */
    public record Settings(double alertThresholdPercent, Duration grace, Duration statusInterval, String applicationId,
            Map<String, String> properties) {

        public Settings {
            if (!(alertThresholdPercent >= 0 && alertThresholdPercent <= 100)) {
                throw new InvalidSettingException("continuous.alertThreshold", "must be a percentage in 0..100, got "
                        + alertThresholdPercent);
            }
            InvalidSettingException.require("continuous.grace", grace, "e.g. Duration.ofSeconds(30)");
            if (grace.isNegative()) {
                throw new InvalidSettingException("continuous.grace", "must not be negative, got " + grace);
            }
            InvalidSettingException.require("continuous.statusInterval", statusInterval, "e.g. Duration.ofSeconds(10)");
            if (statusInterval.toMillis() < 100) {
                throw new InvalidSettingException("continuous.statusInterval", "must be at least 100 ms, got "
                        + statusInterval);
            }
            if (applicationId == null || applicationId.isBlank()) {
                throw new InvalidSettingException("continuous.applicationId", "must not be blank");
            }
            properties = Map.copyOf(properties);
        }
    }

    private final Settings settings;
    private final ConsistencyAuditor auditor;
    private final ConsistencyAlert.Listener listener;
    private final ScheduledExecutorService watcher;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean alertSeen;

    private ContinuousValidation(Settings settings, ConsistencyConfig config, ConsistencyAlert.Listener listener,
            Clock clock) {
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.auditor = ConsistencyAuditor.start(config);
        this.watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "strangler-continuous-validation-" + settings.applicationId());
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, settings.statusInterval().toMillis() / 2);
        watcher.scheduleWithFixedDelay(this::checkAlert, period, period, TimeUnit.MILLISECONDS);
    }

    /** Waits until the auditor's Kafka Streams runs. */
    public void awaitRunning(Duration timeout) throws InterruptedException, TimeoutException {
        auditor.awaitRunning(timeout);
    }

    /** The overall consistency at the auditor's last status; empty before the first. */
    public Optional<Double> consistencyPercent() {
        return auditor.gauge("consistency-percent");
    }

    /** Open discrepancies at the auditor's last status; empty before the first. */
    public Optional<Long> openDiscrepancies() {
        return auditor.gauge("open-discrepancies").map(Double::longValue);
    }

    /** Whether the percentage is below the threshold at the auditor's last status. */
    public boolean alerting() {
        return auditor.gauge("alert").map(value -> value >= 1.0).orElse(false);
    }

    public ConsistencyAuditor.State state() {
        return auditor.state();
    }

    public Settings settings() {
        return settings;
    }

    /** The running auditor, for its Kafka Streams metrics. */
    public ConsistencyAuditor auditor() {
        return auditor;
    }

    private void checkAlert() {
        try {
            boolean now = alerting();
            if (now == alertSeen) {
                return;
            }
            alertSeen = now;
            ConsistencyAlert alert = new ConsistencyAlert(now, consistencyPercent().orElse(Double.NaN),
                    settings.alertThresholdPercent(), openDiscrepancies().orElse(0L), clock.instant());
            listener.onAlert(alert);
        } catch (RuntimeException e) {
            // a listener's failure must not stop the next alerts
            LOGGER.warn("The consistency alert listener failed: {}", e.toString(), e);
        }
    }

    /** Stops alerting, then the auditor. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watcher.shutdownNow();
            auditor.close();
        }
    }

    /** Collects the auditor's settings; {@link #start()} starts it. */
    public static final class Builder {

        private final Map<String, String> base;
        private final Path workDir;
        private double alertThresholdPercent = 99.0;
        private Duration grace = Duration.ofSeconds(30);
        private Duration statusInterval = Duration.ofSeconds(10);
        private String applicationId = "strangler-consistency";
        private ConsistencyAlert.Listener listener = alert -> { };
        private final Map<String, String> properties = new LinkedHashMap<>();

        Builder(Map<String, String> base, Path workDir) {
            this.base = Map.copyOf(base);
            this.workDir = workDir;
        }

        /** Alert while the consistency percentage is below this (0..100); default 99. */
        public Builder alertThreshold(double percent) {
            this.alertThresholdPercent = percent;
            return this;
        }

        /** Default 30 s; longer than the sync's worst normal lag. */
        public Builder grace(Duration value) {
            this.grace = value;
            return this;
        }

        /** Default 10 s. */
        public Builder statusInterval(Duration value) {
            this.statusInterval = value;
            return this;
        }

        /** Kafka Streams application id; default {@code strangler-consistency}. */
        public Builder applicationId(String value) {
            this.applicationId = value;
            return this;
        }

        public Builder onAlert(ConsistencyAlert.Listener value) {
            this.listener = InvalidSettingException.require("continuous.onAlert", value, "a ConsistencyAlert.Listener");
            return this;
        }

        /** Any other key of the auditor's file (docs/consistency.md), e.g. {@code strangler.consistency.grace.ms}. */
        public Builder property(String key, String value) {
            if (key == null || key.isBlank() || value == null) {
                throw new InvalidSettingException("continuous.property", "needs a key and a value, got " + key + "="
                        + value);
            }
            properties.put(key, value);
            return this;
        }

        /**
         * Resolves the mappings against both databases and starts the auditor.
         *
         * @throws InvalidSettingException naming the bad builder setting
         * @throws org.apache.kafka.common.config.ConfigException naming the bad configuration key
         */
        public ContinuousValidation start() {
            Settings settings = new Settings(alertThresholdPercent, grace, statusInterval, applicationId, properties);
            Map<String, String> values = new LinkedHashMap<>(base);
            values.put(ConsistencyConfig.APPLICATION_ID, settings.applicationId());
            values.put(ConsistencyConfig.ALERT_THRESHOLD_PERCENT, Double.toString(settings.alertThresholdPercent()));
            values.put(ConsistencyConfig.GRACE_MS, Long.toString(settings.grace().toMillis()));
            values.put(ConsistencyConfig.STATUS_INTERVAL_MS, Long.toString(settings.statusInterval().toMillis()));
            values.put(ConsistencyConfig.STATE_DIR, workDir.resolve("state").resolve("consistency").toString());
            values.putAll(settings.properties());
            return new ContinuousValidation(settings, new ConsistencyConfig(values), listener, Clock.systemUTC());
        }
    }
}
