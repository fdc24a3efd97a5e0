package io.strangler.replicate.internal;

import io.strangler.replicate.ReplicateCounters;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.RowChange;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one change record, translates it and forwards the ApplyCommand to the apply sink, or a DeadLetter with the
 * cause to the DLQ sink. Values are read as bytes so that an undecodable record is dead-lettered, not fatal.
 */
public final class ReplicateProcessor implements Processor<String, byte[], String, SpecificRecord> {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReplicateProcessor.class);
    private static final String COMPONENT = "replicate";

    private final ChangeTranslator translator;
    private final Deserializer<RowChange> deserializer;
    private final String sourceName;
    private final String applySink;
    private final String dlqSink;
    private final ReplicateCounters counters;
    private ProcessorContext<String, SpecificRecord> context;

    public ReplicateProcessor(ChangeTranslator translator, Deserializer<RowChange> deserializer, String sourceName,
                              String applySink, String dlqSink, ReplicateCounters counters) {
        this.translator = translator;
        this.deserializer = deserializer;
        this.sourceName = sourceName;
        this.applySink = applySink;
        this.dlqSink = dlqSink;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.value() == null) {
            counters.recordSkipped();
            return;
        }
        counters.recordChange();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        RowChange change;
        try {
            change = deserializer.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            deadLetter(record, null, null, e);
            return;
        }
        try {
            ChangeTranslator.Translated translated = translator.translate(change);
            context.forward(new Record<String, SpecificRecord>(translated.key(), translated.command(), record.timestamp()),
                    applySink);
            counters.recordCommand();
        } catch (TranslationException | org.apache.avro.AvroRuntimeException e) {
            deadLetter(record, change.getSchema$() + "." + change.getTable(), change.getSourcePosition(), e);
        }
    }

    private void deadLetter(Record<String, byte[]> record, String table, String position, Exception cause) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        Instant now = Instant.now();
        DeadLetter letter = DeadLetter.newBuilder()
                .setComponent(COMPONENT)
                .setSource(sourceName)
                .setTopic(metadata == null ? null : metadata.topic())
                .setPartition(metadata == null ? null : metadata.partition())
                .setOffset(metadata == null ? null : metadata.offset())
                .setPosition(position)
                .setTable(table)
                .setKey(record.key())
                .setPayload(ByteBuffer.wrap(record.value()))
                .setPayloadFormat("confluent-avro")
                .setErrorClass(cause.getClass().getName())
                .setErrorMessage(String.valueOf(cause.getMessage()))
                .setSqlState(null)
                .setFailedMicros(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000)
                .build();
        LOGGER.warn("Replicate: dead-lettered the record at {} (key {}): {}", metadata == null ? "?"
                : metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset(), record.key(), cause.getMessage());
        context.forward(new Record<String, SpecificRecord>(record.key(), letter, record.timestamp()), dlqSink);
        counters.recordDeadLetter();
    }
}
