package io.strangler.cli.status;

import io.strangler.cli.status.RecentRecords.Slice;
import io.strangler.cli.status.StatusReport.Consistency;
import io.strangler.cli.status.StatusReport.DeadLetters;
import io.strangler.cli.status.StatusReport.MappingConsistency;
import io.strangler.cli.status.StatusReport.RecentConflicts;
import io.strangler.cli.status.StatusReport.Route;
import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.core.topic.TopicNames;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.ConsistencyStatus;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.RouterEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Summaries of Strangler's event topics (conflicts, dead letters, the auditor's status, router events), decoded with
 * the schema registry. A record that does not decode is skipped and counted in a warning, never fatal: the status
 * of a migration must show even when one event is broken.
 */
final class EventSummaries {

    /** At most this many records per summary: an hour of a conflict storm must not take minutes to count. */
    static final int SCAN_CAP = 200_000;

    private final RecentRecords recent;
    private final TopicNames names;
    private final SchemaRegistryClient registry;
    private final List<String> warnings;

    EventSummaries(RecentRecords recent, TopicNames names, SchemaRegistryClient registry, List<String> warnings) {
        this.recent = recent;
        this.names = names;
        this.registry = registry;
        this.warnings = warnings;
    }

    RecentConflicts conflicts(Map<String, List<TopicPartition>> topics, Instant now) {
        List<TopicPartition> partitions = topics.getOrDefault(names.syncConflicts(), List.of());
        Slice hour = recent.since(partitions, now.minusSeconds(3600), SCAN_CAP);
        Map<String, Map<String, Long>> lastMinute = new TreeMap<>();
        Map<String, Map<String, Long>> lastHour = new TreeMap<>();
        long minuteStartMicros = now.minusSeconds(60).toEpochMilli() * 1000;
        for (Conflict conflict : decode(hour, Conflict.class, names.syncConflicts())) {
            String mapping = conflict.getMapping().toString();
            String kind = conflict.getKind() + "/" + conflict.getStrategy();
            lastHour.computeIfAbsent(mapping, m -> new TreeMap<>()).merge(kind, 1L, Long::sum);
            if (conflict.getDetectedMicros() >= minuteStartMicros) {
                lastMinute.computeIfAbsent(mapping, m -> new TreeMap<>()).merge(kind, 1L, Long::sum);
            }
        }
        return new RecentConflicts(lastMinute, lastHour, partitions.isEmpty() ? 0 : recent.retained(partitions),
                hour.capped());
    }

    DeadLetters deadLetters(Map<String, List<TopicPartition>> topics, Instant now) {
        List<TopicPartition> partitions = topics.getOrDefault(names.syncDlq(), List.of());
        if (partitions.isEmpty()) {
            return new DeadLetters(0, 0, Map.of(), null, null);
        }
        List<DeadLetter> hour = decode(recent.since(partitions, now.minusSeconds(3600), SCAN_CAP), DeadLetter.class,
                names.syncDlq());
        Map<String, Long> bySource = new TreeMap<>();
        hour.forEach(letter -> bySource.merge(letter.getComponent() + "/" + letter.getSource(), 1L, Long::sum));
        Optional<DeadLetter> latest = decode(recent.last(partitions, 10), DeadLetter.class, names.syncDlq()).stream()
                .max(Comparator.comparingLong(DeadLetter::getFailedMicros));
        return new DeadLetters(recent.retained(partitions), hour.size(), bySource,
                latest.map(letter -> letter.getErrorMessage().toString()).orElse(null),
                latest.map(letter -> micros(letter.getFailedMicros())).orElse(null));
    }

    Consistency consistency(Map<String, List<TopicPartition>> topics) {
        List<TopicPartition> partitions = topics.getOrDefault(names.consistencyStatus(), List.of());
        return decode(recent.last(partitions, 20), ConsistencyStatus.class, names.consistencyStatus()).stream()
                .max(Comparator.comparingLong(ConsistencyStatus::getEmittedMicros))
                .map(status -> new Consistency(true, status.getOverall().getConsistencyPercent(),
                        status.getThresholdPercent(), status.getAlert(),
                        status.getAlertSinceMicros() == null ? null : micros(status.getAlertSinceMicros()),
                        micros(status.getEmittedMicros()),
                        status.getMappings().stream().map(counts -> new MappingConsistency(
                                counts.getMapping().toString(), counts.getRowsTracked(), counts.getRowsPending(),
                                counts.getOpenDiscrepancies(), counts.getConsistencyPercent())).toList(),
                        captureLag(status)))
                .orElse(Consistency.notReported());
    }

    /** Each route's latest event, with the candidate weight of the latest event that carried one. */
    List<Route> routes(Map<String, List<TopicPartition>> topics) {
        List<TopicPartition> partitions = topics.getOrDefault(names.routerEvents(), List.of());
        List<RouterEvent> events = new ArrayList<>(
                decode(recent.last(partitions, 2_000), RouterEvent.class, names.routerEvents()));
        events.sort(Comparator.comparingLong(RouterEvent::getTimestampMicros));
        Map<String, RouterEvent> latest = new TreeMap<>();
        Map<String, Double> weights = new HashMap<>();
        for (RouterEvent event : events) {
            if (event.getRouteId() == null) {
                continue;
            }
            String route = event.getRouteId().toString();
            latest.put(route, event);
            if (event.getWeightPercent() != null) {
                weights.put(route, event.getWeightPercent());
            }
        }
        return latest.entrySet().stream().map(e -> new Route(e.getKey(), weights.get(e.getKey()),
                e.getValue().getType().toString(), e.getValue().getReason().toString(),
                micros(e.getValue().getTimestampMicros()))).toList();
    }

    private <T extends SpecificRecord> List<T> decode(Slice slice, Class<T> type, String topic) {
        Deserializer<T> deserializer = AvroSerdes.value(type, registry, false).deserializer();
        List<T> values = new ArrayList<>();
        int broken = 0;
        String firstError = null;
        for (ConsumerRecord<byte[], byte[]> record : slice.records()) {
            if (record.value() == null) {
                continue;
            }
            try {
                values.add(deserializer.deserialize(topic, record.value()));
            } catch (RuntimeException e) {
                broken++;
                firstError = firstError == null ? e.getMessage() : firstError;
            }
        }
        if (broken > 0) {
            warnings.add(broken + " record(s) on " + topic + " could not be decoded as " + type.getSimpleName()
                    + " and were skipped (first: " + firstError + ")");
        }
        if (slice.capped()) {
            warnings.add(topic + ": more than " + SCAN_CAP + " records in the window; counts are lower bounds");
        }
        return values;
    }

    private static Map<String, Long> captureLag(ConsistencyStatus status) {
        Map<String, Long> lag = new TreeMap<>();
        status.getCaptureLagMillis().forEach((side, millis) -> lag.put(side.toString(), millis));
        return lag;
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }
}
