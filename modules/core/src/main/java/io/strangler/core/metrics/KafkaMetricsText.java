package io.strangler.core.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Kafka client and Kafka Streams metrics (including the sync's and the auditor's own, groups {@code strangler-sync} and
 * {@code strangler-consistency}) in the Prometheus text format: {@code <group>_<name>{tags} value}, names made of
 * letters, digits and underscores, numeric metrics only.
 */
public final class KafkaMetricsText {

    private KafkaMetricsText() {
    }

    /** Every numeric metric of {@code metrics}, one line each, sorted. */
    public static String render(Map<MetricName, ? extends Metric> metrics) {
        Map<String, Double> lines = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if (metric.metricValue() instanceof Number number && Double.isFinite(number.doubleValue())) {
                String tags = name.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(tag -> sanitize(tag.getKey()) + "=\"" + escape(tag.getValue()) + "\"")
                        .collect(Collectors.joining(","));
                lines.merge(sanitize(name.group() + "_" + name.name()) + (tags.isEmpty() ? "" : "{" + tags + "}"),
                        number.doubleValue(), (first, second) -> first);
            }
        });
        StringBuilder out = new StringBuilder();
        lines.forEach((series, value) -> out.append(series).append(' ').append(format(value)).append('\n'));
        return out.toString();
    }

    private static String sanitize(String name) {
        String text = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return Character.isDigit(text.charAt(0)) ? "_" + text : text;
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
