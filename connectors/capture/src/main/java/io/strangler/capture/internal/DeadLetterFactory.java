package io.strangler.capture.internal;

import io.strangler.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/** Builds the {@link DeadLetter} of a Debezium record capture could not convert. */
public final class DeadLetterFactory {

    static final String COMPONENT = "capture";

    private final String source;
    private final Clock clock;
    private final JsonConverter json = new JsonConverter();

    public DeadLetterFactory(String source, Clock clock) {
        this.source = source;
        this.clock = clock;
        json.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
    }

    public DeadLetter of(SourceRecord record, ConversionException failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return DeadLetter.newBuilder()
                .setComponent(COMPONENT)
                .setSource(source)
                .setPosition(failure.position())
                .setTable(failure.table())
                .setKey(failure.key())
                .setPayload(payload(record))
                .setPayloadFormat("json")
                .setErrorClass(cause.getClass().getName())
                .setErrorMessage(String.valueOf(failure.getMessage()))
                .setFailedMicros(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()))
                .build();
    }

    private ByteBuffer payload(SourceRecord record) {
        try {
            byte[] bytes = json.fromConnectData(record.topic(), record.valueSchema(), record.value());
            return bytes == null ? null : ByteBuffer.wrap(bytes);
        } catch (RuntimeException e) {
            // The record may be unrenderable for the same reason it could not be converted: keep its description.
            return ByteBuffer.wrap(String.valueOf(record).getBytes(StandardCharsets.UTF_8));
        }
    }
}
