package io.strangler.cli.dlq;

import io.strangler.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One dead letter as read from the DLQ topic, with where it sits there ({@code partition:offset}, the name
 * {@code strangler dlq replay --offset} takes). The Avro record is copied out into plain fields so that nothing
 * downstream can mutate it.
 */
record DlqEntry(int partition, long offset, String component, String source, Optional<String> topic,
                Optional<Integer> topicPartition, Optional<Long> topicOffset, Optional<String> table,
                Optional<String> key, Optional<byte[]> payload, Optional<String> payloadFormat, String errorClass,
                String errorMessage, Optional<String> sqlState, Instant failedAt) {

    DlqEntry {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(failedAt, "failedAt");
        payload = payload.map(byte[]::clone);
    }

    static DlqEntry of(int partition, long offset, DeadLetter letter) {
        long micros = letter.getFailedMicros();
        return new DlqEntry(partition, offset, letter.getComponent(), letter.getSource(),
                Optional.ofNullable(letter.getTopic()), Optional.ofNullable(letter.getPartition()),
                Optional.ofNullable(letter.getOffset()), Optional.ofNullable(letter.getTable()),
                Optional.ofNullable(letter.getKey()), Optional.ofNullable(letter.getPayload()).map(DlqEntry::bytes),
                Optional.ofNullable(letter.getPayloadFormat()), letter.getErrorClass(), letter.getErrorMessage(),
                Optional.ofNullable(letter.getSqlState()),
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
    }

    /** {@code partition:offset} on the DLQ topic; also the replay marker's key. */
    String position() {
        return partition + ":" + offset;
    }

    @Override
    public Optional<byte[]> payload() {
        return payload.map(byte[]::clone);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
