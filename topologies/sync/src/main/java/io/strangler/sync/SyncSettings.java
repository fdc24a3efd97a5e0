package io.strangler.sync;

import io.strangler.core.config.SettingChecks;
import io.strangler.core.mapping.Side;
import io.strangler.core.topic.TopicNames;
import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to know, as plain values (no Kafka clients, no I/O): topic names, which captured source
 * is which side, and the expiry times of the store.
 *
 * <pre>{@code
 * SyncSettings settings = SyncSettings.defaults();                      // sources "monolith" and "service"
 * SyncSettings acme = new SyncSettings(new TopicNames("acme.strangler"), "erp", "billing",
 *         Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofMinutes(1));
 * }</pre>
 *
 * @param topicNames         names of the cdc, apply, conflict and dead-letter topics
 * @param monolithSource     the capture source name of the monolith ({@code strangler.cdc.<source>.*}); also the
 *                           apply target name ({@code strangler.apply.<source>})
 * @param serviceSource      the same for the service
 * @param tombstoneRetention how long a deletion both sides hold is kept before the row is forgotten
 * @param pendingExpiry      how long an apply's echo is awaited before it is taken as lost
 * @param echoClockTolerance how far a database's clock may be behind the sync's: a change committed earlier than an
 *                           apply was sent, by more than this, is never taken for that apply's echo
 * @param punctuateInterval  how often expired tombstones are removed and the store size is measured
 */
public record SyncSettings(TopicNames topicNames, String monolithSource, String serviceSource,
        Duration tombstoneRetention, Duration pendingExpiry, Duration echoClockTolerance, Duration punctuateInterval) {

    public SyncSettings {
        Objects.requireNonNull(topicNames, "topicNames");
        SettingChecks.requireSourcePair(monolithSource, serviceSource);
        SettingChecks.requireDuration("tombstoneRetention", tombstoneRetention, true);
        SettingChecks.requireDuration("pendingExpiry", pendingExpiry, false);
        SettingChecks.requireDuration("echoClockTolerance", echoClockTolerance, true);
        SettingChecks.requireDuration("punctuateInterval", punctuateInterval, false);
    }

    /**
     * Default topic names, sources {@code monolith} and {@code service}, 1 h tombstones, 10 min echo wait, 1 s echo
     * clock tolerance, 1 min punctuation.
     */
    public static SyncSettings defaults() {
        return new SyncSettings(new TopicNames(), "monolith", "service", Duration.ofHours(1), Duration.ofMinutes(10),
                Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** The source (and apply target) name of {@code side}. */
    public String source(Side side) {
        return side == Side.MONOLITH ? monolithSource : serviceSource;
    }

    public SyncSettings withSources(String monolith, String service) {
        return new SyncSettings(topicNames, monolith, service, tombstoneRetention, pendingExpiry, echoClockTolerance,
                punctuateInterval);
    }

    public SyncSettings withExpiry(Duration tombstones, Duration pending, Duration punctuate) {
        return new SyncSettings(topicNames, monolithSource, serviceSource, tombstones, pending, echoClockTolerance,
                punctuate);
    }

    public SyncSettings withEchoClockTolerance(Duration tolerance) {
        return new SyncSettings(topicNames, monolithSource, serviceSource, tombstoneRetention, pendingExpiry, tolerance,
                punctuateInterval);
    }
}
