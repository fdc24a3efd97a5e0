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
            // Each command is keyed by its own target key, so every command of one logical row shares a partition and
            // keeps its order. A key move's DELETE and UPSERT are forwarded in the order they must be applied. Order
            // matters only when the target holds both keys' rows under another unique key too (typically the same
            // primary key): on PostgreSQL an UPSERT of the new key first violates it (ON CONFLICT names the mapping's
            // key only; MariaDB's ON DUPLICATE KEY updates the old row in place, so either order ends right there).
            // In one partition (the default, strangler.replicate.topic.partitions=1) the sink keeps record order, and
            // a batch it coalesced out of order that hits the violation is retried command by command in record
            // order. With more partitions the two keys may land apart and the UPSERT be applied first, in an earlier
            // batch: then it is dead-lettered (a documented limit, docs/replicate.md).
            for (ChangeTranslator.Translated translated : translator.translate(change)) {
                context.forward(new Record<String, SpecificRecord>(translated.key(), translated.command(),
                        record.timestamp()), applySink);
                counters.recordCommand();
            }
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
