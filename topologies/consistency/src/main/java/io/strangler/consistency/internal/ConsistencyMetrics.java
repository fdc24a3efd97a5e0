package io.strangler.consistency.internal;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The auditor's gauges, registered with Kafka Streams' metrics so they appear next to the Streams metrics in JMX
 * ({@code kafka.streams:type=strangler-consistency-metrics}) and in {@code KafkaStreams#metrics()}.
 */
final class ConsistencyMetrics implements AutoCloseable {

    static final String GROUP = "strangler-consistency-metrics";
    static final String PERCENT = "consistency-percent";
    static final String ALERT = "alert";
    static final String OPEN = "open-discrepancies";
    static final String TRACKED = "rows-tracked";

    private final StreamsMetrics metrics;
    private final String prefix;
    private final Sensor percent;
    private final Sensor alert;
    private final Sensor open;
    private final Sensor tracked;

    ConsistencyMetrics(StreamsMetrics metrics, String taskId) {
        this.metrics = metrics;
        this.prefix = "strangler-consistency-" + taskId + "-";
        Map<String, String> tags = Map.of("task-id", taskId);
        this.percent = gauge(PERCENT, "Overall consistency percentage at the last status.", tags);
        this.alert = gauge(ALERT, "1 while the consistency percentage is below the alert threshold, else 0.", tags);
        this.open = gauge(OPEN, "Open discrepancies at the last status.", tags);
        this.tracked = gauge(TRACKED, "Logical rows tracked at the last status.", tags);
        // until the first status nothing is known: NaN, so that a "percent < 99" alert rule does not fire at start-up
        percent.record(Double.NaN);
    }

    void record(Counts overall, boolean alerting) {
        percent.record(overall.percent());
        alert.record(alerting ? 1.0 : 0.0);
        open.record(overall.open());
        tracked.record(overall.tracked());
    }

    @Override
    public void close() {
        for (Sensor sensor : new Sensor[] {percent, alert, open, tracked}) {
            metrics.removeSensor(sensor);
        }
    }

    private Sensor gauge(String name, String description, Map<String, String> tags) {
        Sensor sensor = metrics.addSensor(sensorName(name), Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name, GROUP, description, tags), new Value());
        return sensor;
    }

    private String sensorName(String name) {
        return prefix + name;
    }
}
