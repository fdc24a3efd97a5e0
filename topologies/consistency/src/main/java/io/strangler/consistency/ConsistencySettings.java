package io.strangler.consistency;

import io.strangler.core.config.SettingChecks;
import io.strangler.core.mapping.Side;
import io.strangler.core.topic.TopicNames;
import java.time.Duration;
import java.util.Objects;

/**
 * What the auditor's topology needs to know, as plain values (no Kafka clients, no I/O).
 *
 * <pre>{@code
 * ConsistencySettings settings = ConsistencySettings.defaults()          // sources "monolith" and "service"
 *         .withGrace(Duration.ofSeconds(5))
 *         .withAlertThreshold(99.5);
 * }</pre>
 *
 * @param topicNames            names of the cdc topics read and the consistency topics written
 * @param monolithSource        the capture source name of the monolith ({@code <prefix>.cdc.<source>.*})
 * @param serviceSource         the same for the service
 * @param grace                 how long a row may disagree before it is reported (changes in flight, sync lag)
 * @param checkInterval         how often (wall clock) disagreeing rows are checked against the grace period
 * @param statusInterval        how often (wall clock) a status event is emitted
 * @param alertThresholdPercent an alert is raised while the overall consistency percentage is below this
 * @param tombstoneRetention    how long a row deleted on both sides is kept before it is forgotten
 * @param maxLagWait            how long past its grace a disagreement waits for a lagging side's capture to catch up
 *                              (its progress watermark, {@code <prefix>.capture.<source>.progress}) before it is
 *                              reported anyway
 */
public record ConsistencySettings(TopicNames topicNames, String monolithSource, String serviceSource, Duration grace,
        Duration checkInterval, Duration statusInterval, double alertThresholdPercent, Duration tombstoneRetention,
        Duration maxLagWait) {

    public ConsistencySettings {
        Objects.requireNonNull(topicNames, "topicNames");
        SettingChecks.requireSourcePair(monolithSource, serviceSource);
        SettingChecks.requireDuration("grace", grace, true);
        SettingChecks.requireDuration("checkInterval", checkInterval, false);
        SettingChecks.requireDuration("statusInterval", statusInterval, false);
        SettingChecks.requireDuration("tombstoneRetention", tombstoneRetention, true);
        SettingChecks.requireDuration("maxLagWait", maxLagWait, true);
        if (!(alertThresholdPercent >= 0.0 && alertThresholdPercent <= 100.0)) {
            throw new IllegalArgumentException("alertThresholdPercent must be between 0 and 100, got " + alertThresholdPercent);
        }
    }

    /**
     * Default topic names, sources {@code monolith}/{@code service}, 30 s grace, 1 s checks, 10 s status, 99 %, 1 h
     * tombstone retention, 10 min of waiting for a lagging capture.
     */
    public static ConsistencySettings defaults() {
        return new ConsistencySettings(new TopicNames(), "monolith", "service", Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(10), 99.0, Duration.ofHours(1), Duration.ofMinutes(10));
    }

    /** The capture source name of {@code side}. */
    public String source(Side side) {
        return side == Side.MONOLITH ? monolithSource : serviceSource;
    }

    public ConsistencySettings withTopicNames(TopicNames names) {
        return new ConsistencySettings(names, monolithSource, serviceSource, grace, checkInterval, statusInterval,
                alertThresholdPercent, tombstoneRetention, maxLagWait);
    }

    public ConsistencySettings withSources(String monolith, String service) {
        return new ConsistencySettings(topicNames, monolith, service, grace, checkInterval, statusInterval,
                alertThresholdPercent, tombstoneRetention, maxLagWait);
    }

    public ConsistencySettings withGrace(Duration value) {
        return new ConsistencySettings(topicNames, monolithSource, serviceSource, value, checkInterval, statusInterval,
                alertThresholdPercent, tombstoneRetention, maxLagWait);
    }

    public ConsistencySettings withIntervals(Duration check, Duration status) {
        return new ConsistencySettings(topicNames, monolithSource, serviceSource, grace, check, status,
                alertThresholdPercent, tombstoneRetention, maxLagWait);
    }

    public ConsistencySettings withAlertThreshold(double percent) {
        return new ConsistencySettings(topicNames, monolithSource, serviceSource, grace, checkInterval, statusInterval,
                percent, tombstoneRetention, maxLagWait);
    }

    public ConsistencySettings withTombstoneRetention(Duration value) {
        return new ConsistencySettings(topicNames, monolithSource, serviceSource, grace, checkInterval, statusInterval,
                alertThresholdPercent, value, maxLagWait);
    }

    public ConsistencySettings withMaxLagWait(Duration value) {
        return new ConsistencySettings(topicNames, monolithSource, serviceSource, grace, checkInterval, statusInterval,
                alertThresholdPercent, tombstoneRetention, value);
    }
}
