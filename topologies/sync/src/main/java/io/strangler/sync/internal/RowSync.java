package io.strangler.sync.internal;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.CounterValues;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.ConflictKind;
import io.strangler.schemas.Operation;
import io.strangler.sync.ConflictInput;
import io.strangler.sync.ConflictResolver;
import io.strangler.sync.ConflictVersion;
import io.strangler.sync.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The convergence rules of DESIGN §5 for one mapping, as a pure function: (row state, change) → (new row state,
 * effects). No Kafka here, so the rules can be read and tested on their own.
 */
public final class RowSync {

    private final ResolvedMapping mapping;
    private final ConflictResolver resolver;
    private final List<String> columns;
    /** The columns the row hashes cover: all but the counters (see {@link Translator#hashColumns}). */
    private final List<String> hashColumns;
    private final List<String> counters;
    private final boolean trackColumns;
    private final long pendingExpiryMillis;
    private final long echoToleranceMillis;
    private final Map<String, String> params;

    public RowSync(ResolvedMapping mapping, ConflictResolver resolver, long pendingExpiryMillis, long echoToleranceMillis) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.columns = mapping.columns().stream().map(MappedColumn::logicalName).toList();
        this.hashColumns = Translator.hashColumns(mapping);
        this.counters = mapping.mapping().counters();
        this.trackColumns = mapping.mapping().conflict() instanceof ConflictStrategy.ColumnMerge;
        this.pendingExpiryMillis = pendingExpiryMillis;
        this.echoToleranceMillis = echoToleranceMillis;
        this.params = mapping.mapping().conflict() instanceof ConflictStrategy.Custom custom ? custom.params() : Map.of();
    }

    public ResolvedMapping mapping() {
        return mapping;
    }

    /** The outcome of one change: the state to store and what to emit. */
    public record Result(RowState state, List<Effect> effects) {
    }

    /**
     * Applies one change.
     *
     * @param current the stored state, or null for a row never seen
     * @throws UnprocessableChangeException when the change cannot be processed (it goes to the dead-letter topic and
     *                                      the state is left unchanged)
     */
    public Result process(RowState current, LogicalChange change, long nowMillis) {
        Result result = processRow(current, change, nowMillis);
        return counters.isEmpty() ? result : withCounters(result, change, deletionInFlight(current, change.side()));
    }

    /**
     * Counters merge by delta beside the row's rules: a side's own change adds what it added to the other side's
     * counters, whatever the row's conflict decided for the other columns, so increments on both sides commute. The
     * delta rides on the apply the row's rules send to the other side, or goes alone as an INCREMENT. An apply that
     * re-creates a row on a side known to hold it deleted adds the image's whole values (a side that re-created the row
     * meanwhile sends its own values the other way: the two creations add up on both sides). Echoes and replays add
     * nothing; neither does a change capture could not attribute (it may be the sync's own increment).
     */
    private Result withCounters(Result result, LogicalChange change, boolean deletionInFlight) {
        boolean decided = result.effects().stream().noneMatch(effect -> effect instanceof Effect.Suppressed suppressed
                && suppressed.why() != Effect.Why.NO_OP);
        // a change made on a row the sync is deleting there was made on the incarnation that goes away: the other
        // side's row is another one (re-created, or gone), and adding the delta to it would count it twice
        CanonicalRow deltas = decided && !deletionInFlight ? change.counterDeltas() : CanonicalRow.empty();
        List<Effect> effects = new ArrayList<>(result.effects().size() + 1);
        if (!deltas.isEmpty() && change.origin() != ChangeOrigin.LOCAL) {
            effects.add(new Effect.CountersUnattributed(change.side(), deltas));
            deltas = CanonicalRow.empty();
        }
        Side other = change.side().other();
        boolean carried = false;
        for (Effect effect : result.effects()) {
            if (effect instanceof Effect.SendApply send) {
                // a deletion takes the counters with the row, a bootstrap copy writes them as they are
                boolean addsToCounters = !send.image().deleted() && send.reason() != ApplyReason.BOOTSTRAP;
                if (addsToCounters && send.recreate()) {
                    effect = send.withIncrements(counterValues(send.image()));
                } else if (addsToCounters && send.target() == other && !deltas.isEmpty()) {
                    effect = send.withIncrements(deltas);
                }
                carried |= send.target() == other;
            }
            effects.add(effect);
        }
        RowState state = result.state();
        RowHash expected = state.side(other).expected();
        if (!carried && !deltas.isEmpty() && mapping.mapping().direction().writesTo(other) && state.agreed() != null
                && !Hashes.DELETED.equals(expected) && !state.agreed().deleted()) {
            effects.add(new Effect.SendIncrement(other, state.agreed(), deltas));
        }
        return new Result(state, effects);
    }

    /** Whether a deletion sent to {@code side} has not been seen there yet. */
    private static boolean deletionInFlight(RowState current, Side side) {
        return current != null && current.side(side).pending().stream()
                .anyMatch(pending -> Hashes.DELETED.equals(pending.hash()));
    }

    /** The image's counter values, as increments: what a re-created row adds to one that exists. */
    private CanonicalRow counterValues(Image image) {
        CanonicalRow.Builder values = CanonicalRow.builder();
        for (String counter : counters) {
            Object value = image.row().get(counter);
            if (!CounterValues.isZero(value)) {
                values.put(counter, value);
            }
        }
        return values.build();
    }

    private Result processRow(RowState current, LogicalChange change, long nowMillis) {
        RowState state = expirePending(current == null ? RowState.EMPTY : current, nowMillis);
        boolean wasConfirmed = state.confirmed();
        Image previousAgreed = state.agreed();
        change = fillUnavailable(change, previousAgreed);
        List<Effect> effects = new ArrayList<>();
        Side side = change.side();
        Side other = side.other();
        SideState known = state.side(side);
        SideState.Arrival arrival = known.arrival(change.position(), change.hash(), change.commitMicros());
        if (arrival == SideState.Arrival.REPLAY) {
            // capture re-delivered a change older than one already seen from this side: it was decided then
            return new Result(current == null ? state : current, List.of(new Effect.Suppressed(Effect.Why.REPLAY)));
        }
        if (arrival == SideState.Arrival.NEW_LOG) {
            effects.add(new Effect.PositionReset(side, known.position(), change.position()));
        }
        RowHash base = known.last() != null ? known.last() : change.beforeHash();
        long baseVersion = known.knownVersion();
        CanonicalRow previousRow = known.lastRow();
        int echo = echoIndex(known, change);
        known = known.seen(change.hash(), trackColumns ? change.row() : null, change.position(), change.commitMicros());
        if (change.origin() == ChangeOrigin.LOCAL) {
            // Applies sent before this change committed (plus the clock tolerance) may have landed before it without an
            // echo (nothing to change, or coalesced by the sink): the sync stops counting on them to overwrite it and
            // sends the agreed image again if needed; it still awaits them, so that an echo that comes back untagged
            // (capture resumed mid-transaction) is still recognised by content.
            known = known.uncounting(cutoff(change));
        }

        if (echo >= 0 || change.origin() == ChangeOrigin.APPLY) {
            effects.add(new Effect.Suppressed(Effect.Why.ECHO));
            SideState echoed = known.echoed(echo);
            if (echo < 0 && change.hash().equals(base) && baseVersion != SideState.NO_VERSION) {
                // the sink's write of content the side already held (a command an earlier echo was matched past, as
                // a coalesced batch's would be): what the side is known to hold has not changed
                echoed = echoed.holding(baseVersion);
            }
            return finish(state.with(side, echoed), side, null, Long.MIN_VALUE, ApplyReason.RESEND,
                    ApplyReason.RESEND, effects, nowMillis);
        }
        state = state.with(side, known);
        Direction direction = mapping.mapping().direction();
        if (!direction.writesTo(other)) {
            // one-way mapping and this side is its target: local writes here are not synchronised back
            effects.add(new Effect.Suppressed(Effect.Why.ONE_WAY));
            return new Result(bookkeeping(state, nowMillis), effects);
        }
        Image agreed = state.agreed();
        ApplyReason reason = change.op() == Operation.READ ? ApplyReason.BOOTSTRAP : ApplyReason.SYNC;
        if (agreed == null) {
            Image mine = imageOf(change, null, null);
            if (change.op() == Operation.UPDATE && base == null) {
                Image missing = new Image(null, Hashes.DELETED, Origin.of(other), Operation.DELETE, 0L, Map.of());
                effects.add(conflict(ConflictKind.UPDATE_MISSING, side, mine, missing, null, mine,
                        "update of a row the sync had no image of: copied to the " + other.label() + " side"));
            }
            state = moveAgreed(state, mine, wasConfirmed, previousAgreed);
            return finish(state, side, change.hash(), cutoff(change), reason, ApplyReason.RESEND, effects, nowMillis);
        }
        if (change.hash().equals(agreed.hash())) {
            boolean concurrentDeletion = change.deleted() && agreed.origin().is(other);
            // a deletion of a row this side already held deleted does not show that it knew of the other's deletion
            boolean repeatedDeletion = concurrentDeletion && Hashes.DELETED.equals(base);
            if (concurrentDeletion && !repeatedDeletion) {
                // both sides deleted the row without seeing each other's deletion: the agreed deletion is now both
                // sides' and dated by the later of the two, so that a change made before that (see knows) meets the
                // resolver instead of silently undoing the later deletion
                Image both = new Image(null, Hashes.DELETED, Origin.MERGED, Operation.DELETE,
                        Math.max(agreed.commitMicros(), change.commitMicros()), Map.of());
                effects.add(conflict(ConflictKind.DELETE_DELETE, side, imageOf(change, null, null), agreed,
                        state.commonBase(), both, "both sides deleted the row"));
                state = state.restating(both);
            }
            effects.add(new Effect.Suppressed(Effect.Why.NO_OP));
            return finish(state, side, repeatedDeletion ? null : change.hash(), cutoff(change), reason,
                    ApplyReason.RESEND, effects, nowMillis);
        }
        if (knows(state, base, baseVersion, change.commitMicros())) {
            state = moveAgreed(state, imageOf(change, agreed, null), wasConfirmed, previousAgreed);
            return finish(state, side, change.hash(), cutoff(change), reason, ApplyReason.RESEND, effects, nowMillis);
        }
        if (agreed.origin().is(side)) {
            // this side's own agreed row was overwritten on it by an apply still in flight, and the side wrote on top
            // of that: the new change is the side's latest word, except that under column merge only the columns it
            // wrote replace the agreed ones
            Image next = trackColumns ? overlay(agreed, change, previousRow) : imageOf(change, agreed, null);
            state = moveAgreed(state, next, wasConfirmed, previousAgreed);
            return finish(state, side, change.hash(), cutoff(change), reason, ApplyReason.RESEND, effects, nowMillis);
        }
        return resolve(state, change, previousRow, wasConfirmed, effects, nowMillis);
    }

    /**
     * Which pending apply a change is the echo of, or -1. A change tagged by capture is decided by its tag: a local
     * write is never an echo, however alike; the sync's own write is the echo of the first pending apply of its
     * content (or of one already given up on, -1). An untagged change is matched by content and commit time.
     */
    private int echoIndex(SideState known, LogicalChange change) {
        if (change.origin() == null) {
            return known.pendingIndexOf(change.hash(), change.commitMicros(), echoToleranceMillis);
        }
        return change.origin() == ChangeOrigin.APPLY
                ? known.lastPendingIndexOf(change.hash(), change.commitMicros(), echoToleranceMillis) : -1;
    }

    /**
     * Whether a change was made with knowledge of the agreed image: the side's previous state is the agreed image, this
     * very version of it — its own change that became it, or the echo of the apply that carried it. Equal content is
     * not enough: every deletion hashes alike, so a side that re-creates a row it saw deleted long ago did not know of
     * the other side's deletion since. A deletion both sides made (or a resolver's) holds for both sides at once, with
     * no apply to tell when a side learnt of the other's part: a change committed before it was dated cannot have known
     * of it, whichever side's capture delivered it late.
     */
    private static boolean knows(RowState state, RowHash base, long baseVersion, long commitMicros) {
        Image agreed = state.agreed();
        boolean bothSidesDeletion = agreed.deleted() && agreed.origin() == Origin.MERGED;
        return agreed.hash().equals(base) && baseVersion == state.version()
                && !(bothSidesDeletion && commitMicros < agreed.commitMicros());
    }

    private Result resolve(RowState state, LogicalChange change, CanonicalRow previousRow, boolean wasConfirmed,
            List<Effect> effects, long nowMillis) {
        Side side = change.side();
        Image agreed = state.agreed();
        Image mine = imageOf(change, null, previousRow);
        Image monolith = side == Side.MONOLITH ? mine : agreed;
        Image service = side == Side.SERVICE ? mine : agreed;
        ConflictKind kind = kindOf(monolith.op(), service.op());
        Image base = state.commonBase();
        Resolution resolution;
        Image resolved;
        try {
            ConflictInput input = new ConflictInput(mapping.name(), change.key(), kind,
                    versionOf(Side.MONOLITH, monolith), versionOf(Side.SERVICE, service),
                    base == null || base.deleted() ? Optional.empty() : Optional.of(base.row()), params);
            resolution = Objects.requireNonNull(resolver.resolve(input), "the resolver returned null");
            resolved = imageOf(resolution, mine, agreed, side);
        } catch (RuntimeException e) {
            effects.add(new Effect.ResolverFailed(kind, monolith, service, e));
            return finish(state, side, change.hash(), cutoff(change), ApplyReason.CONFLICT_RESOLUTION,
                    ApplyReason.CONFLICT_RESOLUTION, effects, nowMillis);
        }
        effects.add(new Effect.ReportConflict(kind, monolith, service, base, resolved,
                mapping.mapping().conflict().strategyName(), resolution.reason()));
        if (!resolved.hash().equals(agreed.hash())) {
            state = moveAgreed(state, resolved, wasConfirmed, agreed);
        }
        // when this side's own change won, an apply still in flight to it would overwrite it: send it back (RESEND)
        ApplyReason toSelf = resolved == mine || resolved.hash().equals(mine.hash()) ? ApplyReason.RESEND
                : ApplyReason.CONFLICT_RESOLUTION;
        return finish(state, side, change.hash(), cutoff(change), ApplyReason.CONFLICT_RESOLUTION, toSelf, effects,
                nowMillis);
    }

    private Effect conflict(ConflictKind kind, Side side, Image mine, Image theirs, Image base, Image resolved,
            String reason) {
        Image monolith = side == Side.MONOLITH ? mine : theirs;
        Image service = side == Side.SERVICE ? mine : theirs;
        return new Effect.ReportConflict(kind, monolith, service, base, resolved,
                mapping.mapping().conflict().strategyName(), reason);
    }

    /**
     * Applies to the change's side sent before this (local) change committed may have landed before it without an echo
     * (nothing to change), so they cannot be counted on to overwrite it. For a tagged change the sync counts only on
     * applies sent after the commit plus the clock tolerance, which surely land after it: any other is sent again, which
     * costs one idempotent write whose echo is recognised by its tag. Untagged, a re-sent apply could be taken for a
     * local change, so the window is the other way round (commit minus tolerance) and an apply sent in between and
     * landed before the change can be missed.
     */
    private long cutoff(LogicalChange change) {
        long commitMillis = Math.floorDiv(change.commitMicros(), 1_000);
        return change.origin() == ChangeOrigin.LOCAL ? commitMillis + echoToleranceMillis
                : commitMillis - echoToleranceMillis;
    }

    /**
     * @param ownHash the hash of the side's own change (not an echo) when what it holds may be the agreed image; then
     *                the side is known to hold this version of it if the hashes agree
     */
    private Result finish(RowState state, Side changeSide, RowHash ownHash, long sentAfterMillis, ApplyReason toOther,
            ApplyReason toSelf, List<Effect> effects, long nowMillis) {
        Image agreed = state.agreed();
        if (agreed != null && ownHash != null && agreed.hash().equals(ownHash)) {
            state = state.with(changeSide, state.side(changeSide).holding(state.version()));
        }
        if (agreed != null) {
            for (Side target : Side.values()) {
                if (!mapping.mapping().direction().writesTo(target)) {
                    continue;
                }
                SideState known = state.side(target);
                RowHash expected = target == changeSide ? known.expectedAfter(sentAfterMillis) : known.expected();
                if (!agreed.hash().equals(expected)) {
                    boolean recreate = Hashes.DELETED.equals(expected);
                    effects.add(new Effect.SendApply(target, agreed, target == changeSide ? toSelf : toOther,
                            expected == null || recreate, recreate, CanonicalRow.empty()));
                    state = state.with(target, known.sent(agreed.hash(), state.version(), nowMillis));
                }
            }
        }
        return new Result(bookkeeping(state, nowMillis), effects);
    }

    private static RowState bookkeeping(RowState state, long nowMillis) {
        if (state.confirmed() && state.base() != null) {
            state = state.withBase(null);
        }
        if (state.tombstone()) {
            return state.deletedMillis() == RowState.NOT_DELETED ? state.withDeletedMillis(nowMillis) : state;
        }
        return state.deletedMillis() == RowState.NOT_DELETED ? state : state.withDeletedMillis(RowState.NOT_DELETED);
    }

    private static RowState moveAgreed(RowState state, Image next, boolean wasConfirmed, Image previous) {
        RowState moved = state.withAgreed(next);
        return wasConfirmed ? moved.withBase(previous) : moved;
    }

    private RowState expirePending(RowState state, long nowMillis) {
        long oldest = nowMillis - pendingExpiryMillis;
        return state.with(Side.MONOLITH, state.monolith().expire(oldest))
                .with(Side.SERVICE, state.service().expire(oldest));
    }

    /**
     * Whether the punctuator may forget this row: a deletion both sides hold, nothing in flight, older than
     * {@code retentionMillis}.
     */
    public boolean expired(RowState state, long nowMillis, long retentionMillis) {
        RowState fresh = expirePending(state, nowMillis);
        return fresh.tombstone() && nowMillis - fresh.deletedMillis() >= retentionMillis
                && gone(fresh.monolith()) && gone(fresh.service());
    }

    private static boolean gone(SideState side) {
        return side.pending().isEmpty() && (side.last() == null || Hashes.DELETED.equals(side.last()));
    }

    /** The state with expired pending applies dropped (for the punctuator). */
    public RowState withoutExpiredPending(RowState state, long nowMillis) {
        return expirePending(state, nowMillis);
    }

    private LogicalChange fillUnavailable(LogicalChange change, Image agreed) {
        if (change.unavailable().isEmpty() || change.deleted()) {
            return change;
        }
        if (agreed == null || agreed.deleted()) {
            throw new UnprocessableChangeException("column(s) " + change.unavailable() + " of mapping '" + mapping.name()
                    + "' key " + change.key() + " were not provided by the " + change.side().label()
                    + " (unchanged TOAST value?) and the sync holds no image of the row to take them from");
        }
        CanonicalRow.Builder filled = CanonicalRow.builder();
        for (String column : columns) {
            filled.put(column, change.unavailable().contains(column) ? agreed.row().get(column) : change.row().get(column));
        }
        CanonicalRow row = filled.build();
        return new LogicalChange(change.mapping(), change.side(), change.op(), change.key(), row,
                RowHash.of(row, hashColumns), change.beforeHash(), List.of(), change.commitMicros(), change.position(),
                change.origin(), change.counterDeltas());
    }

    /**
     * The image a change produces. Column write times (column merge only): a change made on top of {@code agreed}
     * wrote the columns it changed and keeps the agreed times of the others; a concurrent change (no agreed image
     * given) wrote the columns that differ from its side's previous row, all of them when that row is unknown.
     */
    private Image imageOf(LogicalChange change, Image agreed, CanonicalRow previousRow) {
        Map<String, Long> times = new HashMap<>();
        if (trackColumns && !change.deleted()) {
            for (String column : columns) {
                Object value = change.row().get(column);
                if (agreed != null && !agreed.deleted()) {
                    boolean unchanged = Objects.equals(agreed.row().get(column), value);
                    times.put(column, unchanged ? writeTime(agreed, column) : change.commitMicros());
                } else if (previousRow == null || !Objects.equals(previousRow.get(column), value)) {
                    times.put(column, change.commitMicros());
                }
            }
        }
        return new Image(change.row(), change.hash(), Origin.of(change.side()), change.op(), change.commitMicros(), times);
    }

    /** {@code agreed} with the columns {@code change} wrote (those differing from the side's previous row) replaced. */
    private Image overlay(Image agreed, LogicalChange change, CanonicalRow previousRow) {
        if (agreed.deleted() || change.deleted()) {
            return imageOf(change, agreed, null);
        }
        CanonicalRow.Builder row = CanonicalRow.builder();
        Map<String, Long> times = new HashMap<>();
        for (String column : columns) {
            Object value = change.row().get(column);
            boolean written = previousRow == null || !Objects.equals(previousRow.get(column), value);
            row.put(column, written ? value : agreed.row().get(column));
            times.put(column, written ? change.commitMicros() : writeTime(agreed, column));
        }
        CanonicalRow merged = row.build();
        return new Image(merged, RowHash.of(merged, hashColumns), Origin.of(change.side()), change.op(),
                change.commitMicros(), times);
    }

    /** When {@code image} last wrote {@code column}; snapshot rows were never written as far as the sync knows. */
    private static long writeTime(Image image, String column) {
        return image.op() == Operation.READ ? Long.MIN_VALUE
                : image.columnMicros().getOrDefault(column, Long.MIN_VALUE);
    }

    /** A concurrent change that won outright: the columns it did not write keep the times of the agreed image. */
    private Image completed(Image mine, Image agreed) {
        if (!trackColumns || mine.deleted() || mine.columnMicros().size() == columns.size()) {
            return mine;
        }
        Map<String, Long> times = new HashMap<>(mine.columnMicros());
        for (String column : columns) {
            times.putIfAbsent(column, writeTime(agreed, column));
        }
        return new Image(mine.row(), mine.hash(), mine.origin(), mine.op(), mine.commitMicros(), times);
    }

    private static ConflictVersion versionOf(Side side, Image image) {
        return new ConflictVersion(side, image.op(), Optional.ofNullable(image.row()), image.commitMicros(),
                image.columnMicros());
    }

    private Image imageOf(Resolution resolution, Image mine, Image agreed, Side side) {
        if (resolution.winner() != null) {
            return resolution.winner() == side ? completed(mine, agreed) : agreed;
        }
        long commit = Math.max(mine.commitMicros(), agreed.commitMicros());
        if (resolution.delete()) {
            if (mine.deleted()) {
                return mine;
            }
            if (agreed.deleted()) {
                return agreed;
            }
            return new Image(null, Hashes.DELETED, Origin.MERGED, Operation.DELETE, commit, Map.of());
        }
        CanonicalRow row = resolution.row();
        Set<String> extra = new LinkedHashSet<>(row.columns());
        columns.forEach(extra::remove);
        if (!extra.isEmpty() || row.size() != columns.size()) {
            throw new IllegalArgumentException("the merged row must hold exactly the mapped columns " + columns
                    + " (logical names); it has " + row.columns());
        }
        CanonicalRow ordered = row.project(columns);
        RowHash hash = RowHash.of(ordered, hashColumns);
        if (hash.equals(mine.hash())) {
            return mine;
        }
        if (hash.equals(agreed.hash())) {
            return agreed;
        }
        Map<String, Long> times = new HashMap<>();
        if (trackColumns) {
            for (String column : columns) {
                Object value = ordered.get(column);
                Image from = !mine.deleted() && Objects.equals(mine.row().get(column), value)
                        && mine.columnMicros().containsKey(column) ? mine : agreed;
                times.put(column, from.columnMicros().containsKey(column) ? writeTime(from, column) : commit);
            }
        }
        return new Image(ordered, hash, Origin.MERGED, Operation.UPDATE, commit, times);
    }

    static ConflictKind kindOf(Operation monolith, Operation service) {
        boolean monolithDeleted = monolith == Operation.DELETE;
        boolean serviceDeleted = service == Operation.DELETE;
        if (monolithDeleted && serviceDeleted) {
            return ConflictKind.DELETE_DELETE;
        }
        if (monolithDeleted) {
            return ConflictKind.DELETE_UPDATE;
        }
        if (serviceDeleted) {
            return ConflictKind.UPDATE_DELETE;
        }
        if (isInsert(monolith) && isInsert(service)) {
            return ConflictKind.INSERT_INSERT;
        }
        return ConflictKind.UPDATE_UPDATE;
    }

    private static boolean isInsert(Operation op) {
        return op == Operation.CREATE || op == Operation.READ;
    }
}
