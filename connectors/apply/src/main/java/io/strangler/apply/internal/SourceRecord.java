package io.strangler.apply.internal;

import io.strangler.schemas.ApplyCommand;
import java.util.Objects;

/**
 * One record read from the apply topic, with its command once decoded ({@code null} until then, or when the bytes
 * are not an ApplyCommand).
 */
public record SourceRecord(String topic, int partition, long offset, String key, byte[] value, ApplyCommand command,
                           RuntimeException decodeError) {

    public SourceRecord {
        Objects.requireNonNull(topic, "topic");
        if (command == null && decodeError == null) {
            throw new IllegalArgumentException("record " + topic + "-" + partition + "@" + offset
                    + " needs a command or a decode error");
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
