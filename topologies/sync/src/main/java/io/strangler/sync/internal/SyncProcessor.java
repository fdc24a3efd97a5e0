package io.strangler.sync.internal;

import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.schemas.ApplyCommand;
import io.strangler.sync.SyncSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Second stage: per logical row, applies the convergence rules ({@link RowSync}) against the RocksDB store and emits
 * apply commands, conflicts and dead letters. A punctuator forgets deletions both sides hold once they are older than
 * the tombstone retention.
 */
public final class SyncProcessor implements Processor<String, LogicalChange, String, Routed> {

    public static final String ROWS_STORE = "sync-rows";
    public static final String TOMBSTONES_STORE = "sync-tombstones";

    private static final Logger LOGGER = LoggerFactory.getLogger(SyncProcessor.class);

    private final SyncSettings settings;
    private final MappingIndex index;
    private final Records records;
    private final Map<String, RowSync> syncs = new HashMap<>();
    /** Sides whose position reset was logged by this task: one WARN, then only the metric. */
    private final Set<Side> positionResetsLogged = EnumSet.noneOf(Side.class);
    /** Mappings whose unattributed counter change was logged by this task: one WARN, then only the metric. */
    private final Set<String> countersUnattributedLogged = new HashSet<>();
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, RowState> rows;
    private KeyValueStore<String, Long> tombstones;
    private SyncMetrics metrics;

    public SyncProcessor(SyncSettings settings, MappingIndex index) {
        this.settings = settings;
        this.index = index;
        this.records = new Records(settings);
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.rows = context.getStateStore(ROWS_STORE);
        this.tombstones = context.getStateStore(TOMBSTONES_STORE);
        this.metrics = new SyncMetrics(context.metrics(), context.taskId().toString());
        long expiry = settings.pendingExpiry().toMillis();
        for (ResolvedMapping mapping : index.mappings()) {
            // one resolver per task: custom resolvers need no locking
            syncs.put(mapping.name(), new RowSync(mapping, Resolvers.create(mapping.name(), mapping.mapping().conflict(),
                    settings.commitPrecision()),
                    expiry,
                    settings.echoClockTolerance().toMillis()));
        }
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireTombstones);
        metrics.storeEntries(rows.approximateNumEntries());
    }

    @Override
    public void process(Record<String, LogicalChange> record) {
        LogicalChange change = record.value();
        long now = context.currentSystemTimeMs();
        RowSync sync = syncs.get(change.mapping());
        if (sync == null) {
            // no MARK either: without its mapping there is no target table to name; the sink times the transaction out
            deadLetter(record, change, new UnprocessableChangeException("mapping '" + change.mapping()
                    + "' is not configured (removed from the mappings file?)"));
            return;
        }
        String key = record.key();
        RowState current = rows.get(key);
        RowSync.Result result;
        try {
            result = sync.process(current, change, now);
        } catch (UnprocessableChangeException e) {
            deadLetter(record, change, e);
            forwardMark(record, sync, change, change.transaction());
            return;
        }
        rows.put(key, result.state());
        boolean wasTombstone = current != null && current.tombstone();
        if (result.state().tombstone() && (!wasTombstone || current.deletedMillis() != result.state().deletedMillis())) {
            tombstones.put(key, result.state().deletedMillis());
        } else if (wasTombstone && !result.state().tombstone()) {
            tombstones.delete(key);
        }
        metrics.lag(change.side(), Math.max(0, now - change.commitMicros() / 1_000));
        TransactionTag untold = change.transaction();
        for (Effect effect : result.effects()) {
            untold = emit(record, change, sync, effect, now, untold);
        }
        forwardMark(record, sync, change, untold);
    }

    /**
     * Emits one effect. A change of a source transaction the sink applies whole yields exactly one command tagged with
     * its transaction for the other side: the first write there, or else a {@code MARK} ({@link #forwardMark}).
     *
     * @param untold the change's transaction tag while no command for the other side carries it yet, else null
     * @return the tag still untold after this effect
     */
    private TransactionTag emit(Record<String, LogicalChange> record, LogicalChange change, RowSync sync, Effect effect,
            long now, TransactionTag untold) {
        if (effect instanceof Effect.SendApply send) {
            ApplyCommand command = records.apply(sync.mapping(), change.key(), send);
            untold = tell(command, send.target(), change, untold);
            forwardApply(record, send.target(), command);
        } else if (effect instanceof Effect.SendIncrement increment) {
            ApplyCommand command = records.increment(sync.mapping(), change.key(), increment);
            untold = tell(command, increment.target(), change, untold);
            forwardApply(record, increment.target(), command);
        } else if (effect instanceof Effect.CountersUnattributed unattributed) {
            metrics.countersUnattributed(change.mapping(), unattributed.side());
            if (countersUnattributedLogged.add(change.mapping())) {
                LOGGER.warn("Mapping '{}': a {} change to counters {} of {} came without an origin tag, so the sync cannot"
                        + " tell the application's increment from its own and does not forward it (forwarding the"
                        + " sync's own would add it twice). Check capture's origin tracking (docs/capture.md) and"
                        + " repair the counters with strangler reconcile (docs/validator.md). Logged once per mapping;"
                        + " counted in counters-unattributed-total", change.mapping(), unattributed.side().label(),
                        unattributed.deltas().columns(), record.key());
            }
        } else if (effect instanceof Effect.ReportConflict conflict) {
            metrics.conflict(conflict.kind(), conflict.strategy());
            LOGGER.debug("Conflict {} on {} decided for {}: {}", conflict.kind(), record.key(),
                    conflict.resolved().origin(), conflict.reason());
            context.forward(record.withValue(new Routed.ConflictOut(records.conflict(change.mapping(), change.key(),
                    conflict.kind(), conflict.monolith(), conflict.service(), conflict.base(), conflict.resolved(),
                    conflict.strategy(), conflict.reason(), now))));
        } else if (effect instanceof Effect.ResolverFailed failed) {
            LOGGER.warn("Conflict resolver of mapping '{}' failed on {}; the agreed row is kept", change.mapping(),
                    record.key(), failed.error());
            metrics.deadLetter();
            byte[] payload = Records.describeFailedConflict(change.mapping(), change.key(), failed.kind(),
                    failed.monolith(), failed.service());
            context.forward(record.withValue(new Routed.DeadLetterOut(records.deadLetter(
                    settings.source(change.side()), null, null, null, change.position(), table(sync, change),
                    change.key().encode(), payload, "json", failed.error(), now))));
        } else if (effect instanceof Effect.Suppressed suppressed) {
            metrics.suppressed(suppressed.why());
            if (suppressed.why() == Effect.Why.REPLAY) {
                return null; // capture sent the change again: its command or MARK went out the first time
            }
        } else if (effect instanceof Effect.PositionReset reset) {
            metrics.positionReset(reset.side());
            if (positionResetsLogged.add(reset.side())) {
                LOGGER.warn("{} source positions went backwards ({} -> {} on {}) with a later commit time: a new log"
                        + " of that database (failover, restore, RESET MASTER, a new cluster). Its changes are"
                        + " processed, positions compared within the new log; check both sides afterwards with"
                        + " strangler validate (docs/sync.md, failover). Logged once per side; counted in"
                        + " position-resets-total", reset.side().label(), reset.previous(), reset.position(),
                        record.key());
            }
        }
        return untold;
    }

    /** Tags {@code command} with the change's transaction if it is the first one for the other side. */
    private static TransactionTag tell(ApplyCommand command, Side target, LogicalChange change, TransactionTag untold) {
        if (untold == null || target != change.side().other()) {
            return untold;
        }
        command.setTransaction(untold.toAvro());
        return null;
    }

    /**
     * A change of a transaction the sink applies whole that needs no write on the other side (a lost conflict, a
     * no-op, a dead letter) still tells the sink it exists, or the sink would wait for it.
     */
    private void forwardMark(Record<String, LogicalChange> record, RowSync sync, LogicalChange change,
            TransactionTag untold) {
        if (untold == null) {
            return;
        }
        metrics.transactionMark();
        Side target = change.side().other();
        ApplyCommand mark = records.mark(sync.mapping(), change.key(), target, change, untold);
        context.forward(record.withKey(Records.applyKey(mark)).withValue(new Routed.ApplyOut(target, mark)));
    }

    private void forwardApply(Record<String, LogicalChange> record, Side target, ApplyCommand command) {
        metrics.apply(target);
        context.forward(record.withKey(Records.applyKey(command)).withValue(new Routed.ApplyOut(target, command)));
    }

    private void deadLetter(Record<String, LogicalChange> record, LogicalChange change, Exception error) {
        LOGGER.warn("Sending a {} change of {} to the dead-letter topic: {}", change.side().label(), record.key(),
                error.getMessage());
        metrics.deadLetter();
        var meta = context.recordMetadata().orElse(null);
        context.forward(record.withValue(new Routed.DeadLetterOut(records.deadLetter(settings.source(change.side()),
                meta == null ? null : meta.topic(), meta == null ? null : meta.partition(),
                meta == null ? null : meta.offset(), change.position(), null, change.key().encode(), null, null, error,
                context.currentSystemTimeMs()))));
    }

    private static String table(RowSync sync, LogicalChange change) {
        return sync.mapping().mapping().table(change.side()).toString();
    }

    private void expireTombstones(long now) {
        long retention = settings.tombstoneRetention().toMillis();
        List<String> forget = new ArrayList<>();
        List<KeyValue<String, RowState>> refreshed = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = tombstones.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (now - entry.value < retention) {
                    continue;
                }
                RowState state = rows.get(entry.key);
                RowSync sync = state == null ? null : syncs.get(entry.key.substring(0, entry.key.indexOf('/')));
                if (state == null || sync == null || sync.expired(state, now, retention)) {
                    forget.add(entry.key);
                } else {
                    RowState fresh = sync.withoutExpiredPending(state, now);
                    if (!fresh.equals(state)) {
                        refreshed.add(KeyValue.pair(entry.key, fresh));
                    }
                }
            }
        }
        forget.forEach(key -> {
            rows.delete(key);
            tombstones.delete(key);
        });
        refreshed.forEach(entry -> rows.put(entry.key, entry.value));
        if (!forget.isEmpty()) {
            LOGGER.debug("Forgot {} deleted rows both sides hold", forget.size());
        }
        metrics.storeEntries(rows.approximateNumEntries());
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

}
