package io.strangler.sync.internal;

import io.strangler.core.mapping.Side;
import io.strangler.schemas.ConflictKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The sync's own metrics, registered as Kafka Streams custom sensors (so they appear in JMX and in
 * {@code KafkaStreams#metrics()} next to the built-in ones), group {@value #GROUP}, tagged with the task id:
 * {@code conflicts-total}/{@code conflicts-rate} by {@code kind} and {@code strategy}, {@code echoes-suppressed-total},
 * {@code no-ops-total}, {@code one-way-ignored-total}, {@code replays-dropped-total}, {@code applies-total}/{@code applies-rate} by {@code target},
 * {@code dead-letters-total}, {@code position-resets-total} by {@code side} (a new log of that side: failover,
 * restore, a new cluster), {@code unmapped-columns-total} by {@code mapping} and {@code side} (columns of a table that
 * its mapping does not account for, typically added after start-up: their values are not synchronised),
 * {@code counters-unattributed-total} by {@code mapping} and {@code side} (changes to counter columns capture could not
 * tag with their origin, whose deltas are not forwarded),
 * {@code key-moves-total} by {@code mapping} and {@code side} (updates that moved a row to another logical key, synced as
 * the old key's deletion and the new key's creation),
 * {@code rekeyed-total}/{@code rekeyed-rate} by {@code side} (changes not read from
 * their row's partition, which take the hop through the re-key topic), {@code change-lag-avg-ms}/{@code change-lag-max-ms} by {@code side} (wall clock at
 * processing minus source commit time) and {@code store-entries} (estimate).
 */
public final class SyncMetrics {

    public static final String GROUP = "strangler-sync";

    private final StreamsMetrics metrics;
    private final String taskId;
    private final Map<String, Sensor> sensors = new HashMap<>();

    public SyncMetrics(StreamsMetrics metrics, String taskId) {
        this.metrics = metrics;
        this.taskId = taskId;
    }

    public void conflict(ConflictKind kind, String strategy) {
        sensor("conflicts." + kind + "." + strategy, "conflicts", "conflicts detected",
                Map.of("kind", kind.name(), "strategy", strategy), true).record();
    }

    public void suppressed(Effect.Why why) {
        String name = switch (why) {
            case ECHO -> "echoes-suppressed";
            case NO_OP -> "no-ops";
            case ONE_WAY -> "one-way-ignored";
            case REPLAY -> "replays-dropped";
        };
        sensor(name, name, "changes that needed no write: " + why, Map.of(), false).record();
    }

    public void apply(Side target) {
        sensor("applies." + target, "applies", "apply commands emitted", Map.of("target", target.label()), true).record();
    }

    /** An update moved a row to another logical key: synced as a deletion and a creation. */
    public void keyMoved(String mapping, Side side) {
        sensor("key-moves." + mapping + "." + side, "key-moves", "updates that moved a row to another logical key",
                Map.of("mapping", mapping, "side", side.label()), false).record();
    }

    public void rekeyed(Side side) {
        sensor("rekeyed." + side, "rekeyed", "changes sent through the re-key topic", Map.of("side", side.label()),
                true).record();
    }

    /** A side's positions went backwards on a later commit: a new log (failover, restore, a new cluster). */
    public void positionReset(Side side) {
        sensor("position-resets." + side, "position-resets",
                "changes whose source position went backwards with a later commit time (a new log: failover, restore)",
                Map.of("side", side.label()), false).record();
    }

    /** A change to counters that capture did not tag with its origin: its delta is not forwarded. */
    public void countersUnattributed(String mapping, Side side) {
        sensor("counters-unattributed." + mapping + "." + side, "counters-unattributed",
                "changes to counter columns whose origin capture could not tell: their deltas are not forwarded",
                Map.of("mapping", mapping, "side", side.label()), false).record();
    }

    /** A column of a side's table the mapping does not account for, seen for the first time in its changes. */
    public void unmappedColumn(String mapping, Side side) {
        sensor("unmapped-columns." + mapping + "." + side, "unmapped-columns",
                "columns seen in changes that the mapping does not account for (not synchronised)",
                Map.of("mapping", mapping, "side", side.label()), false).record();
    }

    public void transactionMark() {
        sensor("transaction-marks", "transaction-marks", "MARK commands sent: changes of a source transaction the sink"
                + " applies whole that needed no write on the other side", Map.of(), false).record();
    }

    public void deadLetter() {
        sensor("dead-letters", "dead-letters", "records sent to the dead-letter topic", Map.of(), false).record();
    }

    public void lag(Side side, long millis) {
        String key = "lag." + side;
        Sensor sensor = sensors.get(key);
        if (sensor == null) {
            sensor = metrics.addSensor(sensorName(key), Sensor.RecordingLevel.INFO);
            Map<String, String> tags = tags(Map.of("side", side.label()));
            sensor.add(new MetricName("change-lag-avg-ms", GROUP, "average time from source commit to sync", tags), new Avg());
            sensor.add(new MetricName("change-lag-max-ms", GROUP, "maximum time from source commit to sync", tags), new Max());
            sensors.put(key, sensor);
        }
        sensor.record(millis);
    }

    public void storeEntries(long entries) {
        String key = "store-entries";
        Sensor sensor = sensors.get(key);
        if (sensor == null) {
            sensor = metrics.addSensor(sensorName(key), Sensor.RecordingLevel.INFO);
            sensor.add(new MetricName("store-entries", GROUP, "estimated number of logical rows in the store",
                    tags(Map.of())), new Value());
            sensors.put(key, sensor);
        }
        sensor.record(entries);
    }

    public void close() {
        sensors.values().forEach(metrics::removeSensor);
        sensors.clear();
    }

    private Sensor sensor(String key, String metric, String description, Map<String, String> extraTags, boolean rate) {
        Sensor sensor = sensors.get(key);
        if (sensor == null) {
            sensor = metrics.addSensor(sensorName(key), Sensor.RecordingLevel.INFO);
            Map<String, String> tags = tags(extraTags);
            sensor.add(new MetricName(metric + "-total", GROUP, "total " + description, tags), new CumulativeCount());
            if (rate) {
                sensor.add(new MetricName(metric + "-rate", GROUP, description + " per second", tags), new Rate());
            }
            sensors.put(key, sensor);
        }
        return sensor;
    }

    private String sensorName(String key) {
        return GROUP + "." + taskId + "." + key;
    }

    private Map<String, String> tags(Map<String, String> extra) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("task-id", taskId);
        tags.putAll(extra);
        return tags;
    }
}
