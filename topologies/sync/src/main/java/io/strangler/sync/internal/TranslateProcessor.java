package io.strangler.sync.internal;

import io.strangler.core.topic.KeyPartitioner;
import io.strangler.core.topic.ReplayedRecords;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionPosition;
import io.strangler.sync.SyncSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stage: decodes a cdc record, translates it to the mapping's logical names and re-keys it by (mapping,
 * logical key); a change already in the partition its row is processed in ({@link KeyPartitioner}, as capture
 * partitions) goes straight on, any other through the re-key topic. Anything that cannot be decoded or translated
 * becomes a dead letter; nothing here throws.
 */
public final class TranslateProcessor implements Processor<byte[], byte[], String, Routed> {

    private static final Logger LOGGER = LoggerFactory.getLogger(TranslateProcessor.class);

    private final MappingIndex index;
    private final Deserializer<RowChange> deserializer;
    private final Records records;
    private final int partitions;
    private ProcessorContext<String, Routed> context;
    private SyncMetrics metrics;

    public TranslateProcessor(SyncSettings settings, MappingIndex index, Deserializer<RowChange> deserializer) {
        this.index = index;
        this.deserializer = deserializer;
        this.records = new Records(settings);
        this.partitions = settings.rekey().partitions();
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.metrics = new SyncMetrics(context.metrics(), context.taskId().toString() + ".translate");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? null : meta.topic();
        List<MappingIndex.Route> routes = topic == null ? List.of() : index.routes(topic);
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String source = routes.isEmpty() ? "unknown" : routes.get(0).source();
        if (record.value() == null) {
            return; // a compaction tombstone on a cdc topic carries no change
        }
        RowChange change;
        try {
            change = deserializer.deserialize(topic, record.value());
        } catch (RuntimeException e) {
            deadLetter(record, meta, source, null, null, key, e);
            return;
        }
        String table = change.getSchema$() + "." + change.getTable();
        if (routes.isEmpty()) {
            deadLetter(record, meta, source, change.getSourcePosition(), table, key,
                    new UnprocessableChangeException("no mapping reads topic '" + topic + "'"));
            return;
        }
        List<LogicalChange> translated = new ArrayList<>(routes.size());
        for (MappingIndex.Route route : routes) {
            var expected = route.mapping().mapping().table(route.side());
            if (!route.source().equals(change.getSource()) || !expected.schema().equals(change.getSchema$())
                    || !expected.table().equals(change.getTable())) {
                deadLetter(record, meta, source, change.getSourcePosition(), table, key,
                        new UnprocessableChangeException("unknown table: a change of " + change.getSource() + ":"
                                + table + " on topic '" + topic + "', which mapping '" + route.mapping().name()
                                + "' reads for " + route.source() + ":" + expected));
                continue;
            }
            for (String column : route.translator().newlyUnmapped(change)) {
                LOGGER.warn("Column '{}' of {} table {} is not in mapping '{}' (added after the sync started?): its"
                        + " values are NOT synchronised to the {} side and the databases differ in it. Add it on both"
                        + " sides and restart the sync to pair it, or declare it {}-only or excluded in the mappings"
                        + " file (docs/sync.md, schema changes during a migration)", column, route.side().label(), table,
                        route.mapping().name(), route.side().other().label(), route.side().label());
                metrics.unmappedColumn(route.mapping().name(), route.side());
            }
            List<LogicalChange> logical;
            try {
                logical = route.translator().translate(change);
            } catch (RuntimeException e) {
                deadLetter(record, meta, source, change.getSourcePosition(), table, key, e);
                continue;
            }
            if (logical.size() > 1) {
                metrics.keyMoved(route.mapping().name(), route.side());
            }
            translated.addAll(logical);
        }
        // a dead letter sent again stands alone: the rest of its transaction went through long ago
        TransactionTag tag = ReplayedRecords.isReplayed(record.headers()) ? null
                : transactionTag(change, source, translated.size());
        translated.forEach(one -> forward(record, meta, tag == null ? one : one.inTransaction(tag)));
    }

    /**
     * The tag that makes the sink apply {@code change} together with the rest of its source transaction, or null when it
     * stands alone. Only the application's own transactions (origin LOCAL) are tagged, and only those the sink would
     * otherwise split: more than one change read by the sync, or one change that yields several commands (a key move).
     * A transaction capture did not see whole carries no position and is not tagged.
     */
    private TransactionTag transactionTag(RowChange change, String source, int parts) {
        TransactionPosition position = change.getTransaction();
        if (position == null || change.getTransactionId() == null || change.getOrigin() != ChangeOrigin.LOCAL
                || parts == 0) {
            return null;
        }
        long size = Math.max(1, index.changesRead(source, position.getTableSizes()));
        if (size == 1 && parts == 1) {
            return null;
        }
        return new TransactionTag(change.getTransactionId(), size, position.getOrder(), parts);
    }

    private void forward(Record<byte[], byte[]> record, RecordMetadata meta, LogicalChange logical) {
        boolean inPlace = meta != null && meta.partition() == KeyPartitioner.partition(logical.key(), partitions);
        if (!inPlace) {
            metrics.rekeyed(logical.side());
        }
        Routed out = inPlace ? new Routed.ChangeOut(logical) : new Routed.RekeyOut(logical);
        context.forward(record.withKey(logical.storeKey()).withValue(out));
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata meta, String source, String position,
            String table, String key, Exception error) {
        LOGGER.warn("Sending a {} record to the dead-letter topic: {}", source, error.getMessage());
        metrics.deadLetter();
        DeadLetter letter = records.deadLetter(source, meta == null ? null : meta.topic(),
                meta == null ? null : meta.partition(), meta == null ? null : meta.offset(), position, table, key,
                record.value(), "confluent-avro", error, context.currentSystemTimeMs());
        context.forward(record.withKey(key).withValue(new Routed.DeadLetterOut(letter)));
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
