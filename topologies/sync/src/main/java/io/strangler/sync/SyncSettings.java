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
 *         Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofMinutes(1),
 *         new SyncSettings.Rekey("acme-sync-rekeyed", 6));
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
 * @param rekey              the topic through which changes not already in their row's partition are re-keyed
 * @param commitPrecision    how precise each side's commit times are, for last-write-wins and column merge
 */
public record SyncSettings(TopicNames topicNames, String monolithSource, String serviceSource,
        Duration tombstoneRetention, Duration pendingExpiry, Duration echoClockTolerance, Duration punctuateInterval,
        Rekey rekey, CommitPrecision commitPrecision) {

    /** Settings with commit times exact to the microsecond on both sides. */
    public SyncSettings(TopicNames topicNames, String monolithSource, String serviceSource, Duration tombstoneRetention,
            Duration pendingExpiry, Duration echoClockTolerance, Duration punctuateInterval, Rekey rekey) {
        this(topicNames, monolithSource, serviceSource, tombstoneRetention, pendingExpiry, echoClockTolerance,
                punctuateInterval, rekey, CommitPrecision.EXACT);
    }

    /**
     * The re-key topic. Every logical row is processed in partition {@code KeyPartitioner.partition(key, partitions)}
     * of the sync's tasks: a change read from that partition of a cdc topic is processed at once; any other goes
     * through this topic first. The partition count is the sync's parallelism and fixed once the topic exists.
     *
     * @param topic      its name ({@code <application.id>-rekeyed} when configured)
     * @param partitions its partition count; set it to the cdc topics' count so that no change needs the hop
     */
    public record Rekey(String topic, int partitions) {

        public Rekey {
            if (topic == null || topic.isBlank()) {
                throw new IllegalArgumentException("the re-key topic name must not be blank");
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("the re-key topic needs at least 1 partition, got " + partitions);
            }
        }
    }

    public SyncSettings {
        Objects.requireNonNull(topicNames, "topicNames");
        SettingChecks.requireSourcePair(monolithSource, serviceSource);
        SettingChecks.requireDuration("tombstoneRetention", tombstoneRetention, true);
        SettingChecks.requireDuration("pendingExpiry", pendingExpiry, false);
        SettingChecks.requireDuration("echoClockTolerance", echoClockTolerance, true);
        SettingChecks.requireDuration("punctuateInterval", punctuateInterval, false);
        Objects.requireNonNull(rekey, "rekey");
        Objects.requireNonNull(commitPrecision, "commitPrecision");
    }

    /**
     * Default topic names, sources {@code monolith} and {@code service}, 1 h tombstones, 10 min echo wait, 1 s echo
     * clock tolerance, 1 min punctuation, re-key topic {@code strangler-sync-rekeyed} with 1 partition.
     */
    public static SyncSettings defaults() {
        return new SyncSettings(new TopicNames(), "monolith", "service", Duration.ofHours(1), Duration.ofMinutes(10),
                Duration.ofSeconds(1), Duration.ofMinutes(1), new Rekey("strangler-sync-rekeyed", 1));
    }

    /** The source (and apply target) name of {@code side}. */
    public String source(Side side) {
        return side == Side.MONOLITH ? monolithSource : serviceSource;
    }

    public SyncSettings withSources(String monolith, String service) {
        return new SyncSettings(topicNames, monolith, service, tombstoneRetention, pendingExpiry, echoClockTolerance,
                punctuateInterval, rekey, commitPrecision);
    }

    public SyncSettings withExpiry(Duration tombstones, Duration pending, Duration punctuate) {
        return new SyncSettings(topicNames, monolithSource, serviceSource, tombstones, pending, echoClockTolerance,
                punctuate, rekey, commitPrecision);
    }

    public SyncSettings withEchoClockTolerance(Duration tolerance) {
        return new SyncSettings(topicNames, monolithSource, serviceSource, tombstoneRetention, pendingExpiry, tolerance,
                punctuateInterval, rekey, commitPrecision);
    }

    public SyncSettings withRekey(Rekey rekey) {
        return new SyncSettings(topicNames, monolithSource, serviceSource, tombstoneRetention, pendingExpiry,
                echoClockTolerance, punctuateInterval, rekey, commitPrecision);
    }

    public SyncSettings withCommitPrecision(CommitPrecision precision) {
        return new SyncSettings(topicNames, monolithSource, serviceSource, tombstoneRetention, pendingExpiry,
                echoClockTolerance, punctuateInterval, rekey, precision);
    }
}
