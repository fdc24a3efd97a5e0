package io.strangler.sync.internal;

import io.strangler.core.mapping.Side;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.DeadLetter;

/** What the sync's processors forward; the topology routes each kind to its topic. */
public sealed interface Routed {

    /** A change read from the partition its row is processed in: on to the sync at once. */
    record ChangeOut(LogicalChange change) implements Routed {
    }

    /** A change read from another partition: through the re-key topic first. */
    record RekeyOut(LogicalChange change) implements Routed {
    }

    record ApplyOut(Side target, ApplyCommand command) implements Routed {
    }

    record ConflictOut(Conflict conflict) implements Routed {
    }

    record DeadLetterOut(DeadLetter deadLetter) implements Routed {
    }
}
