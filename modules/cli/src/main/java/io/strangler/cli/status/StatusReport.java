package io.strangler.cli.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One snapshot of a running migration as Kafka shows it: every consumer group's lag on Strangler's topics, recent
 * conflicts and dead letters, the auditor's latest status and the router's routes. Rendered as text by
 * {@link StatusText} and as JSON for scripts ({@code strangler status --json}).
 */
public record StatusReport(Instant at, String bootstrapServers, String topicPrefix, List<GroupLag> groups,
                           RecentConflicts conflicts, DeadLetters deadLetters, Consistency consistency,
                           List<Route> routes, List<String> warnings) {

    public StatusReport {
        Objects.requireNonNull(at, "at");
        groups = List.copyOf(groups);
        routes = List.copyOf(routes);
        warnings = List.copyOf(warnings);
    }

    /** The group's lag on each side it reads: {@code side} is a cdc source or an apply target. */
    public record GroupLag(String group, String role, String state, int members, List<SideLag> sides) {
        public GroupLag {
            sides = List.copyOf(sides);
        }

        public long lagRecords() {
            return sides.stream().mapToLong(SideLag::lagRecords).sum();
        }
    }

    /**
     * Lag of one group on one side's topics. {@code lagSeconds} is the age of the oldest record the group has not
     * consumed yet (0 when it has consumed everything), the figure that matters for "how far behind is the sync".
     */
    public record SideLag(String side, String topicKind, long lagRecords, double lagSeconds, List<TopicLag> topics) {
        public SideLag {
            topics = List.copyOf(topics);
        }
    }

    public record TopicLag(String topic, int partitions, long endOffset, long committedOffset, long lagRecords,
                           double lagSeconds) {}

    /**
     * Conflicts seen in the last minute and the last hour, by mapping, then by {@code kind/strategy}, e.g.
     * {@code {"orders": {"UPDATE_UPDATE/last-write-wins": 3}}}. {@code capped} when the hour held more records
     * than the reader scans (the counts are then lower bounds).
     */
    public record RecentConflicts(Map<String, Map<String, Long>> lastMinute, Map<String, Map<String, Long>> lastHour,
                                  long total, boolean capped) {
        public RecentConflicts {
            lastMinute = Map.copyOf(lastMinute);
            lastHour = Map.copyOf(lastHour);
        }
    }

    /** Dead letters on the DLQ topic: all retained, the last hour by {@code component/source}, the latest cause. */
    public record DeadLetters(long total, long lastHour, Map<String, Long> lastHourBySource, String latestError,
                              Instant latestAt) {
        public DeadLetters {
            lastHourBySource = Map.copyOf(lastHourBySource);
        }
    }

    /**
     * The auditor's latest status, or {@code reported=false} when no auditor has written one. {@code captureLagMillis}
     * per side: how far that side's capture is behind, which the auditor waits for before it reports a row.
     */
    public record Consistency(boolean reported, double percent, double thresholdPercent, boolean alert,
                              Instant alertSince, Instant emittedAt, List<MappingConsistency> mappings,
                              Map<String, Long> captureLagMillis) {
        public Consistency {
            mappings = List.copyOf(mappings);
            captureLagMillis = Map.copyOf(captureLagMillis);
        }

        static Consistency notReported() {
            return new Consistency(false, 0, 0, false, null, null, List.of(), Map.of());
        }
    }

    public record MappingConsistency(String mapping, long rowsTracked, long rowsPending, long openDiscrepancies,
                                     double percent) {}

    /** A route's latest known weight and ramp state, from the router's events. */
    public record Route(String routeId, Double candidateWeightPercent, String lastEvent, String reason,
                        Instant at) {}
}
