package io.strangler.cli.dlq;

import java.util.Objects;
import java.util.Optional;

/** What {@code strangler dlq replay} does with one selected dead letter: send its record again, or skip it, why. */
sealed interface ReplayDecision {

    DlqEntry entry();

    /**
     * Re-publish {@code value} with {@code key} to {@code topic}, in the partition it was read from so that it keeps
     * its place among the row's other changes (capture chooses partitions by row key, not by the producer's hash).
     */
    record Send(DlqEntry entry, String topic, Optional<Integer> partition, byte[] key, byte[] value)
            implements ReplayDecision {
        public Send {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(value, "value");
        }
    }

    record Skip(DlqEntry entry, String reason) implements ReplayDecision {
        public Skip {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
