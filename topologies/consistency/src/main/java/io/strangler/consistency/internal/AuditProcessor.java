package io.strangler.consistency.internal;

import io.strangler.consistency.ConsistencySettings;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.DiscrepancyKind;
import io.strangler.schemas.DiscrepancyStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps, per logical row, the latest image of each side ({@value #ROWS_STORE}) and applies the auditor's rules:
 * a disagreement that outlives the grace period is reported (OPEN), a reported row that agrees again is RESOLVED, a
 * row deleted on both sides is forgotten after the tombstone retention. Each row waiting for a deadline has one entry
 * in {@value #TIMERS_STORE}, keyed by due time then row key, so the wall-clock check reads only the due entries.
 */
public final class AuditProcessor implements Processor<String, Observation, String, AuditOutput> {

    public static final String ROWS_STORE = "consistency-rows";
    public static final String TIMERS_STORE = "consistency-timers";
    /** Key of the partial counts sent to the status step: one key, so one task sums them. */
    public static final String STATUS_KEY = "status";

    private static final Logger LOGGER = LoggerFactory.getLogger(AuditProcessor.class);

    private final ConsistencySettings settings;
    private final MappingIndex index;
    private final Map<String, List<String>> hashColumns = new HashMap<>();
    private final Map<String, Counts> counts = new HashMap<>();
    private ProcessorContext<String, AuditOutput> context;
    private KeyValueStore<String, AuditRow> rows;
    private KeyValueStore<String, String> timers;
    private ProgressWatermarks progress;

    public AuditProcessor(ConsistencySettings settings, MappingIndex index) {
        this.settings = settings;
        this.index = index;
        for (String name : index.mappingNames()) {
            hashColumns.put(name, index.mapping(name).columns().stream().map(MappedColumn::logicalName).toList());
        }
    }

    @Override
    public void init(ProcessorContext<String, AuditOutput> context) {
        this.context = context;
        this.rows = context.getStateStore(ROWS_STORE);
        this.timers = context.getStateStore(TIMERS_STORE);
        this.progress = ProgressWatermarks.of(context, settings);
        index.mappingNames().forEach(name -> counts.put(name, Counts.ZERO));
        // Counts live in memory; rebuild them from the restored store (one scan per task start).
        try (KeyValueIterator<String, AuditRow> all = rows.all()) {
            all.forEachRemaining(entry -> count(entry.key, RowComparison.classify(entry.value), 1));
        }
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkTimers);
        context.schedule(settings.statusInterval(), PunctuationType.WALL_CLOCK_TIME, this::emitPartial);
    }

    @Override
    public void process(Record<String, Observation> record) {
        String rowKey = record.key();
        Observation observation = record.value();
        ResolvedMapping mapping = index.mapping(LogicalTranslator.mappingOf(rowKey));
        AuditRow stored = rows.get(rowKey);
        AuditRow before = stored == null ? AuditRow.UNSEEN : stored;
        SideImage previous = before.image(observation.side());
        if (previous != null && observation.commitMicros() < previous.commitMicros()) {
            LOGGER.debug("Ignoring an older {} change of {} (commit {} < {})", observation.side().label(), rowKey,
                    observation.commitMicros(), previous.commitMicros());
            return;
        }
        AuditRow after = transition(rowKey, mapping, before.withImage(observation.side(), image(mapping, observation,
                previous)));
        count(rowKey, RowComparison.classify(before), -1);
        count(rowKey, RowComparison.classify(after), 1);
        store(rowKey, before, after);
    }

    private AuditRow transition(String rowKey, ResolvedMapping mapping, AuditRow row) {
        long now = context.currentSystemTimeMs();
        if (RowComparison.agree(row)) {
            if (row.reportedKind() != null) {
                emit(rowKey, row, DiscrepancyStatus.RESOLVED, row.reportedKind(), List.of(), now);
            }
            boolean goneOnBoth = RowComparison.classify(row) == RowClass.ABSENT;
            return row.withReported(null, List.of()).withDivergence(-1, 0).withDeletedAt(goneOnBoth ? now : -1)
                    .withDue(goneOnBoth ? now + settings.tombstoneRetention().toMillis() : -1);
        }
        AuditRow diverging = row.withDeletedAt(-1);
        if (diverging.divergedAtMillis() < 0) {
            long since = Math.max(commitMicros(row.monolith()), commitMicros(row.service()));
            return diverging.withDivergence(now, since).withDue(now + settings.grace().toMillis());
        }
        if (diverging.reportedKind() == null) {
            return diverging; // pending: its grace period keeps running from the first disagreement
        }
        if (sameShape(diverging, mapping)) {
            return diverging.withDue(-1);
        }
        // An open discrepancy changed shape (e.g. the sync is half-way through a repair): re-report it only if the
        // new shape outlives a grace period of its own.
        return diverging.withDue(now + settings.grace().toMillis());
    }

    /** Writes the row and keeps its single timer entry in step with {@link AuditRow#dueMillis()}. */
    private void store(String rowKey, AuditRow before, AuditRow after) {
        if (before.dueMillis() != after.dueMillis()) {
            if (before.dueMillis() >= 0) {
                timers.delete(TimerKeys.of(before.dueMillis(), rowKey));
            }
            if (after.dueMillis() >= 0) {
                timers.put(TimerKeys.of(after.dueMillis(), rowKey), rowKey);
            }
        }
        rows.put(rowKey, after);
    }

    private void checkTimers(long now) {
        // Timer keys sort by due time, so the scan stops at the first entry not yet due.
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> all = timers.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                if (TimerKeys.dueOf(entry.key) > now) {
                    break;
                }
                due.add(entry);
            }
        }
        for (KeyValue<String, String> timer : due) {
            timers.delete(timer.key);
            String rowKey = timer.value;
            AuditRow row = rows.get(rowKey);
            if (row == null || row.dueMillis() != TimerKeys.dueOf(timer.key)) {
                continue; // stale entry
            }
            RowClass rowClass = RowComparison.classify(row);
            if (rowClass == RowClass.ABSENT) {
                rows.delete(rowKey);
                continue;
            }
            if (rowClass == RowClass.PENDING && !bothSidesCaughtUp(row, now)) {
                // a side's capture has not yet published the grace period's worth of changes past this row: the
                // difference may be its lag, not a discrepancy; look again at the next check
                long again = now + settings.checkInterval().toMillis();
                timers.put(TimerKeys.of(again, rowKey), rowKey);
                rows.put(rowKey, row.withDue(again));
                continue;
            }
            AuditRow next = row.withDue(-1);
            if ((rowClass == RowClass.PENDING || rowClass == RowClass.OPEN)
                    && index.knows(LogicalTranslator.mappingOf(rowKey))) {
                ResolvedMapping mapping = index.mapping(LogicalTranslator.mappingOf(rowKey));
                if (rowClass == RowClass.PENDING || !sameShape(row, mapping)) {
                    DiscrepancyKind kind = RowComparison.kind(row);
                    List<String> columns = RowComparison.differingColumns(row, mapping);
                    emit(rowKey, row, DiscrepancyStatus.OPEN, kind, columns, now);
                    next = next.withReported(kind, columns);
                    count(rowKey, rowClass, -1);
                    count(rowKey, RowClass.OPEN, 1);
                }
            }
            rows.put(rowKey, next);
        }
    }

    /**
     * Whether both sides' captures have published everything up to the row's latest change plus the grace period, so
     * that a difference still there is not one side's capture lag (nor the initial copy); after {@code maxLagWait} past
     * the grace, a lagging (or stuck) capture no longer holds the report back.
     */
    private boolean bothSidesCaughtUp(AuditRow row, long now) {
        boolean waitedLongest = now >= row.divergedAtMillis() + settings.grace().toMillis()
                + settings.maxLagWait().toMillis();
        if (initialCopyInFlight(row)) {
            return waitedLongest;
        }
        long latestChange = Math.max(commitMicros(row.monolith()), commitMicros(row.service()));
        return progress.bothPast(latestChange + settings.grace().toMillis() * 1000) || waitedLongest;
    }

    /**
     * A row one side holds from its initial snapshot and the other has never shown: the sync's bootstrap copy of a
     * populated monolith into an empty service (or back), which takes as long as the copy of every row, not a grace
     * period. It waits like a lagging capture.
     */
    private static boolean initialCopyInFlight(AuditRow row) {
        return (row.service() == null && row.monolith() != null && row.monolith().snapshot())
                || (row.monolith() == null && row.service() != null && row.service().snapshot());
    }

    private static boolean sameShape(AuditRow row, ResolvedMapping mapping) {
        return RowComparison.kind(row) == row.reportedKind()
                && RowComparison.differingColumns(row, mapping).equals(row.reportedColumns());
    }

    private void emitPartial(long now) {
        String partition = context.taskId().toString();
        context.forward(new Record<>(STATUS_KEY, new AuditOutput.PartialOut(new PartialStatus(partition, counts, now)),
                now));
    }

    private void emit(String rowKey, AuditRow row, DiscrepancyStatus status, DiscrepancyKind kind, List<String> columns,
            long now) {
        if (status == DiscrepancyStatus.OPEN) {
            LOGGER.info("Discrepancy {} on {} (differing columns: {})", kind, rowKey, columns);
        }
        else {
            LOGGER.info("Discrepancy on {} resolved", rowKey);
        }
        context.forward(new Record<>(rowKey, new AuditOutput.DiscrepancyOut(
                DiscrepancyEvents.of(rowKey, row, status, kind, columns, now)), now));
    }

    private SideImage image(ResolvedMapping mapping, Observation observation, SideImage previous) {
        if (!observation.present()) {
            return SideImage.deleted(observation.commitMicros());
        }
        CanonicalRow row = observation.row();
        // A column the source could not provide (unchanged TOAST) keeps the value this side had before.
        for (String column : observation.unavailable()) {
            if (previous != null && previous.present() && previous.row().contains(column)) {
                row = row.with(column, previous.row().get(column));
            }
        }
        return new SideImage(true, RowHash.of(row, hashColumns.get(mapping.name())), row, observation.commitMicros(),
                observation.snapshot());
    }

    private static long commitMicros(SideImage image) {
        return image == null ? 0 : image.commitMicros();
    }

    private void count(String rowKey, RowClass rowClass, int delta) {
        // rows of a mapping removed from the configuration stay in the store but are not counted
        counts.computeIfPresent(LogicalTranslator.mappingOf(rowKey), (name, current) -> current.add(rowClass, delta));
    }

}
