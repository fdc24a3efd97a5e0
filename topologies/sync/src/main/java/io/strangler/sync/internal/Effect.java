package io.strangler.sync.internal;

import io.strangler.core.mapping.Side;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.ConflictKind;

/** What processing one change asks the processor to emit or count. */
public sealed interface Effect {

    /** Write {@code image} to {@code target}; {@code insert} when the target is not known to hold the row. */
    record SendApply(Side target, Image image, ApplyReason reason, boolean insert) implements Effect {
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
