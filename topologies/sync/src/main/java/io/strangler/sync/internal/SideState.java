package io.strangler.sync.internal;

import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sync knows of one side's copy of a logical row.
 *
 * @param last      hash of the last change seen from the side ({@link Hashes#DELETED} after a delete); null if none yet
 * @param lastRow   values of that change; kept only for column merge (to tell which columns a change wrote)
 * @param pending   apply commands sent to the side, oldest first, whose echo has not been seen
 * @param knownVersion the version of the agreed image ({@link RowState#version()}) the side is known to hold after its
 *                  last change: set when its own change became the agreed image or the echo of an apply of that
 *                  version came back; {@link #NO_VERSION} otherwise. Versions, not hashes, tell whether a side's next
 *                  write was made on top of the agreed image: a row deleted, re-created and deleted again hashes
 *                  alike both times it is deleted
 * @param position  source position of the last change seen ("" when unknown), to recognise re-delivered changes
 * @param commitMicros source commit time of that change ({@link #UNKNOWN_COMMIT} when unknown): a change at an earlier
 *                  position but committed later is not a re-delivery but the first of a new log (failover, restore,
 *                  {@code RESET MASTER}, a new cluster), whose positions start lower
 */
public record SideState(RowHash last, CanonicalRow lastRow, List<PendingApply> pending, long knownVersion,
        String position, long commitMicros) {

    public static final long NO_VERSION = -1;
    public static final long UNKNOWN_COMMIT = Long.MIN_VALUE;
    public static final SideState UNKNOWN = new SideState(null, null, List.of(), NO_VERSION, "", UNKNOWN_COMMIT);

    public SideState {
        pending = List.copyOf(pending);
        position = position == null ? "" : position;
    }

    /** How a change relates to the side's last one, by source position and commit time. */
    public enum Arrival {
        /** After the last change seen, or not comparable with it: a change to process. */
        IN_ORDER,
        /**
         * A re-delivery of one already seen: its position is before the last one seen (and it did not commit after
         * it), or equal to it with the same hash (changes of one transaction may share a binlog position).
         */
        REPLAY,
        /**
         * The first change of a new log of the side: its position is before the last one seen, yet it committed after
         * that change, which a re-delivery cannot have. It is processed, and positions are then compared within the
         * new log only (its position replaces the stored one).
         */
        NEW_LOG
    }

    /** How a change at {@code at} with {@code hash}, committed at {@code committedMicros}, arrives. */
    public Arrival arrival(String at, RowHash hash, long committedMicros) {
        var order = Positions.compare(at, position);
        if (order.isEmpty() || order.getAsInt() > 0) {
            return Arrival.IN_ORDER;
        }
        if (order.getAsInt() == 0) {
            return hash.equals(last) ? Arrival.REPLAY : Arrival.IN_ORDER;
        }
        return commitMicros != UNKNOWN_COMMIT && committedMicros > commitMicros ? Arrival.NEW_LOG : Arrival.REPLAY;
    }

    /** The state the side will hold once every apply in flight it counts on has landed, as far as the sync knows. */
    public RowHash expected() {
        PendingApply last = lastCounted();
        return last == null ? this.last : last.hash();
    }

    /**
     * As {@link #expected()}, counting only on the last apply if it was sent at or after {@code sentAfterMillis}: an
     * earlier one may already have landed without an echo.
     */
    public RowHash expectedAfter(long sentAfterMillis) {
        PendingApply last = lastCounted();
        if (last == null || last.sentMillis() < sentAfterMillis) {
            return this.last;
        }
        return last.hash();
    }

    private PendingApply lastCounted() {
        for (int i = pending.size() - 1; i >= 0; i--) {
            if (pending.get(i).counted()) {
                return pending.get(i);
            }
        }
        return null;
    }

    /**
     * Index of the first pending apply that a change with {@code hash} committed at {@code commitMicros} can be the
     * echo of, or -1: same hash, and not committed before the apply was sent (allowing {@code toleranceMillis} of clock
     * difference between the database and the sync), since a write older than the apply cannot be its result.
     */
    public int pendingIndexOf(RowHash hash, long commitMicros, long toleranceMillis) {
        long commitMillis = Math.floorDiv(commitMicros, 1_000);
        for (int i = 0; i < pending.size(); i++) {
            PendingApply apply = pending.get(i);
            if (apply.hash().equals(hash) && commitMillis >= apply.sentMillis() - toleranceMillis) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of the last pending apply of content {@code hash} sent no later than a change committed at
     * {@code commitMicros} (allowing {@code toleranceMillis} of clock difference), or -1: the one a change the apply
     * sink tagged as its own is matched to. The sink writes only the last command per row of a batch, so with
     * {@code [X v1, Y v2, X v3]} pending one write of X may stand for all three, and taking it for v1 would judge the
     * side's next write as made without knowledge of v2 and v3 (a resolver could then revert it). A command sent after
     * the write committed cannot be in its batch, which keeps the echo of v1 alone, written before v3 was sent, from
     * being taken for v3. Inside the tolerance the two cannot be told apart; either way the later echoes are still
     * recognised, and a side left holding something else is sent the agreed image again.
     */
    public int lastPendingIndexOf(RowHash hash, long commitMicros, long toleranceMillis) {
        long commitMillis = Math.floorDiv(commitMicros, 1_000);
        for (int i = pending.size() - 1; i >= 0; i--) {
            PendingApply apply = pending.get(i);
            if (apply.hash().equals(hash) && apply.sentMillis() <= commitMillis + toleranceMillis) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Stops counting on the pending applies sent before {@code sentBeforeMillis} (they may have landed before the side's
     * latest change without an echo); they are still awaited, so that their echo is recognised.
     */
    public SideState uncounting(long sentBeforeMillis) {
        if (pending.stream().noneMatch(p -> p.counted() && p.sentMillis() < sentBeforeMillis)) {
            return this;
        }
        return new SideState(last, lastRow, pending.stream().map(p -> p.sentMillis() < sentBeforeMillis
                ? new PendingApply(p.hash(), p.sentMillis(), p.version(), false) : p).toList(), knownVersion, position, commitMicros);
    }

    /**
     * Removes the pending applies up to and including {@code index}: the side's log is ordered, so an apply sent
     * before the one that echoed and not seen yet will never echo (the database found nothing to change).
     */
    public SideState echoed(int index) {
        if (index < 0) {
            return this;
        }
        return new SideState(last, lastRow, pending.subList(index + 1, pending.size()), pending.get(index).version(),
                position, commitMicros);
    }

    /** The side's own change: what it holds is not known to be any agreed version until the change is decided. */
    public SideState seen(RowHash hash, CanonicalRow row, String at, long committedMicros) {
        return new SideState(hash, row, pending, NO_VERSION, at, committedMicros);
    }

    public SideState holding(long version) {
        return new SideState(last, lastRow, pending, version, position, commitMicros);
    }

    public SideState sent(RowHash hash, long version, long nowMillis) {
        List<PendingApply> more = new ArrayList<>(pending);
        more.add(new PendingApply(hash, nowMillis, version));
        return new SideState(last, lastRow, more, knownVersion, position, commitMicros);
    }

    /** Drops pending applies sent before {@code oldestMillis}: their echo is taken as lost (e.g. dead-lettered). */
    public SideState expire(long oldestMillis) {
        if (pending.stream().allMatch(p -> p.sentMillis() >= oldestMillis)) {
            return this;
        }
        return new SideState(last, lastRow, pending.stream().filter(p -> p.sentMillis() >= oldestMillis).toList(),
                knownVersion, position, commitMicros);
    }
}
