package io.strangler.consistency.internal;

import io.strangler.schemas.RowChange;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads raw cdc records and forwards each as an {@link Observation} keyed by its logical row (two for an update that
 * moved the logical key: see {@link LogicalTranslator}). The auditor has no
 * dead-letter topic: a record it cannot read or translate is logged and skipped (the sync dead-letters the same
 * record), so a poison record never stops the audit.
 */
public final class TranslateProcessor implements Processor<byte[], byte[], String, Observation> {

    private static final Logger LOGGER = LoggerFactory.getLogger(TranslateProcessor.class);

    private final MappingIndex index;
    private final Deserializer<RowChange> deserializer;
    private ProcessorContext<String, Observation> context;

    public TranslateProcessor(MappingIndex index, Deserializer<RowChange> deserializer) {
        this.index = index;
        this.deserializer = deserializer;
    }

    @Override
    public void init(ProcessorContext<String, Observation> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            return; // Debezium's tombstone after a delete: the delete itself was already seen
        }
        String topic = context.recordMetadata().map(meta -> meta.topic()).orElse("?");
        RowChange change;
        try {
            change = deserializer.deserialize(topic, record.headers(), record.value());
        }
        catch (RuntimeException e) {
            LOGGER.warn("Skipping an unreadable record of {}: {}", topic, e.getMessage());
            return;
        }
        for (MappingIndex.Target target : index.targets(change.getSource(), change.getSchema$(), change.getTable())) {
            try {
                // a key-moving update yields two rows' observations; each row's audit is independent of the other's,
                // so their order across the repartition does not matter
                for (LogicalTranslator.Translated translated : LogicalTranslator.translate(change, target.mapping(),
                        target.side())) {
                    context.forward(new Record<>(translated.rowKey(), translated.observation(), record.timestamp()));
                }
            }
            catch (RuntimeException e) {
                LOGGER.warn("Skipping a change of {} that cannot be audited: {}", topic, e.getMessage());
            }
        }
    }
}
