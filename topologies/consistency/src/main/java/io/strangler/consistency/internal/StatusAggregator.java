package io.strangler.consistency.internal;

import io.strangler.consistency.ConsistencySettings;
import io.strangler.core.mapping.Side;
import io.strangler.schemas.ConsistencyCounts;
import io.strangler.schemas.ConsistencyStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums the partial counts of every audit partition ({@value #PARTIALS_STORE}: latest per partition) and emits a
 * {@link ConsistencyStatus} every status interval, raising the alert while the overall percentage is below the
 * threshold. All partials share one key, so exactly one task in the application runs this step.
 */
public final class StatusAggregator implements Processor<String, PartialStatus, String, ConsistencyStatus> {

    public static final String PARTIALS_STORE = "consistency-status-partials";
    /** Key of the status events. */
    public static final String STATUS_KEY = "overall";
    /** Name of the overall entry's mapping field. */
    public static final String OVERALL = "*";
    /** A partition silent for this many status intervals no longer counts (its task is gone or stuck). */
    static final int STALE_INTERVALS = 10;

    private static final Logger LOGGER = LoggerFactory.getLogger(StatusAggregator.class);

    private final ConsistencySettings settings;
    private final List<String> mappings;
    private ProcessorContext<String, ConsistencyStatus> context;
    private KeyValueStore<String, PartialStatus> partials;
    private ProgressWatermarks progress;
    private ConsistencyMetrics metrics;
    private long alertSinceMillis = -1;

    public StatusAggregator(ConsistencySettings settings, List<String> mappings) {
        this.settings = settings;
        this.mappings = List.copyOf(mappings);
    }

    @Override
    public void init(ProcessorContext<String, ConsistencyStatus> context) {
        this.context = context;
        this.partials = context.getStateStore(PARTIALS_STORE);
        this.progress = ProgressWatermarks.of(context, settings);
        this.metrics = new ConsistencyMetrics(context.metrics(), context.taskId().toString());
        context.schedule(settings.statusInterval(), PunctuationType.WALL_CLOCK_TIME, this::emit);
    }

    @Override
    public void process(Record<String, PartialStatus> record) {
        if (record.value() != null) {
            partials.put(record.value().partition(), record.value());
        }
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    private void emit(long now) {
        Map<String, Counts> sums = new TreeMap<>();
        mappings.forEach(name -> sums.put(name, Counts.ZERO));
        int reporting = 0;
        long staleBefore = now - STALE_INTERVALS * settings.statusInterval().toMillis();
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, PartialStatus> all = partials.all()) {
            while (all.hasNext()) {
                PartialStatus partial = all.next().value;
                if (partial.emittedMillis() < staleBefore) {
                    stale.add(partial.partition());
                    continue;
                }
                reporting++;
                partial.counts().forEach((name, counts) -> sums.computeIfPresent(name, (k, sum) -> sum.plus(counts)));
            }
        }
        stale.forEach(partials::delete);
        Counts overall = sums.values().stream().reduce(Counts.ZERO, Counts::plus);
        boolean alert = overall.percent() < settings.alertThresholdPercent();
        updateAlert(alert, overall, now);
        metrics.record(overall, alert);
        List<ConsistencyCounts> perMapping = new ArrayList<>();
        sums.forEach((name, counts) -> perMapping.add(counts(name, counts)));
        ConsistencyStatus status = ConsistencyStatus.newBuilder()
                .setOverall(counts(OVERALL, overall))
                .setMappings(perMapping)
                .setThresholdPercent(settings.alertThresholdPercent())
                .setAlert(alert)
                .setAlertSinceMicros(alert ? alertSinceMillis * 1000 : null)
                .setPartitionsReporting(reporting)
                .setEmittedMicros(now * 1000)
                .setCaptureLagMillis(captureLag(now))
                .build();
        context.forward(new Record<>(STATUS_KEY, status, now));
    }

    private Map<String, Long> captureLag(long now) {
        Map<String, Long> lag = new TreeMap<>();
        for (Side side : Side.values()) {
            progress.watermarkMicros(side).ifPresent(micros -> lag.put(side.label(), Math.max(0, now - micros / 1000)));
        }
        return lag;
    }

    private void updateAlert(boolean alert, Counts overall, long now) {
        if (alert && alertSinceMillis < 0) {
            alertSinceMillis = now;
            LOGGER.warn("Consistency alert raised: {}% of {} rows consistent ({} open discrepancies), below the"
                    + " threshold of {}%", percent(overall.percent()), overall.tracked(), overall.open(),
                    settings.alertThresholdPercent());
        }
        else if (!alert && alertSinceMillis >= 0) {
            alertSinceMillis = -1;
            LOGGER.info("Consistency alert cleared: {}% of {} rows consistent (threshold {}%)",
                    percent(overall.percent()), overall.tracked(), settings.alertThresholdPercent());
        }
    }

    private ConsistencyCounts counts(String name, Counts counts) {
        return ConsistencyCounts.newBuilder()
                .setMapping(name)
                .setRowsTracked(counts.tracked())
                .setRowsInAgreement(counts.agreement())
                .setRowsPending(counts.pending())
                .setOpenDiscrepancies(counts.open())
                .setConsistencyPercent(counts.percent())
                .setBelowThreshold(counts.percent() < settings.alertThresholdPercent())
                .build();
    }

    private static String percent(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
