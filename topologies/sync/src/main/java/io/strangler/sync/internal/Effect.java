package io.strangler.sync.internal;

import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.ConflictKind;

/** What processing one change asks the processor to emit or count. */
public sealed interface Effect {

    /**
     * Write {@code image} to {@code target}; {@code insert} when the target is not known to hold the row,
     * {@code recreate} when it is known to hold it deleted. {@code increments}: what to add to the target's counter
     * columns if it holds the row (logical names; empty: leave its counters alone, a new row takes the image's values).
     */
    record SendApply(Side target, Image image, ApplyReason reason, boolean insert, boolean recreate,
            CanonicalRow increments) implements Effect {

        public SendApply {
            increments = increments == null ? CanonicalRow.empty() : increments;
        }

        SendApply withIncrements(CanonicalRow amounts) {
            return new SendApply(target, image, reason, insert, recreate, amounts);
        }
    }

    /**
     * Add {@code increments} to the counters of the row on {@code target}, if it holds it: a side's change to counters
     * that needed no other write. {@code agreed} is the image the target is known to hold (its hash marks the echo).
     */
    record SendIncrement(Side target, Image agreed, CanonicalRow increments) implements Effect {
    }

    /**
     * A change to counters whose origin capture could not tell (untagged): forwarding its delta could add the sync's own
     * increment twice, so it is not forwarded (docs/sync.md, counters).
     */
    record CountersUnattributed(Side side, CanonicalRow deltas) implements Effect {
    }

    /** A conflict and its decision. {@code base} may be null. */
    record ReportConflict(ConflictKind kind, Image monolith, Image service, Image base, Image resolved, String strategy,
            String reason) implements Effect {
    }

    /** A custom resolver failed: the conflict goes to the dead-letter topic and the agreed image is kept. */
    record ResolverFailed(ConflictKind kind, Image monolith, Image service, RuntimeException error) implements Effect {
    }

    /** A change that needed no write: an echo of the sync's own apply, a no-op, ignored by a one-way mapping, a replay. */
    record Suppressed(Why why) implements Effect {
    }

    /**
     * The side's positions went backwards on a change committed after the last one seen: a new log (failover, restore,
     * {@code RESET MASTER}, a new cluster). The change is processed; positions are compared within the new log.
     */
    record PositionReset(Side side, String previous, String position) implements Effect {
    }

    enum Why {
        ECHO,
        NO_OP,
        ONE_WAY,
        REPLAY
    }
}
