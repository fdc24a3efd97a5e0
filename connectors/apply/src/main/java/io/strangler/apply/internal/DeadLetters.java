package io.strangler.apply.internal;

import io.strangler.schemas.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Sends rejected commands to {@code strangler.sync.dlq} with their cause. Sends are confirmed before the batch's
 * database transaction commits, so a rejected command is never lost (after a crash it may appear twice in the DLQ).
 */
public final class DeadLetters implements AutoCloseable {

    /** The dead-letter producer could not confirm a send: retry the batch, never commit past an unrecorded rejection. */
    public static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Pattern SECRET = Pattern.compile("(?i)(password|passwd|pwd)=[^&;\\s]*");
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Producer<String, DeadLetter> producer;
    private final String topic;
    private final String source;
    private final String password;

    /**
     * @param password the configured database password, scrubbed from messages should a driver ever echo it
     */
    public DeadLetters(Producer<String, DeadLetter> producer, String topic, String source, String password) {
        this.producer = producer;
        this.topic = topic;
        this.source = source;
        this.password = password == null ? "" : password;
    }

    public String topic() {
        return topic;
    }

    public DeadLetter letter(SourceRecord record, String table, Throwable error, String sqlState, String message) {
        return DeadLetter.newBuilder()
                .setComponent("apply")
                .setSource(source)
                .setTopic(record.topic())
                .setPartition(record.partition())
                .setOffset(record.offset())
                .setPosition(null)
                .setTable(table)
                .setKey(record.key())
                .setPayload(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                // bytes that did not decode are kept as received: their format is unknown
                .setPayloadFormat(record.value() == null ? null : record.command() != null ? "confluent-avro" : "unknown")
                .setErrorClass(error.getClass().getName())
                .setErrorMessage(scrub(message == null ? String.valueOf(error) : message))
                .setSqlState(sqlState)
                .setFailedMicros(micros(Instant.now()))
                .build();
    }

    /** Sends every letter and waits for the broker's acknowledgement of each. */
    public void sendAll(List<DeadLetter> letters) throws UnavailableException, InterruptedException {
        if (letters.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            sends.add(producer.send(new ProducerRecord<>(topic, letter.getKey(), letter)));
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new UnavailableException("cannot write to dead-letter topic " + topic + ": " + e.getMessage(), e);
            }
        }
    }

    String scrub(String message) {
        String scrubbed = SECRET.matcher(message).replaceAll("$1=***");
        return password.isEmpty() ? scrubbed : scrubbed.replace(password, "***");
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
