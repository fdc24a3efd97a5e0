package io.strangler.validator;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.OneSidedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.CanonicalValue;
import io.strangler.core.row.RowHash;
import io.strangler.core.topic.TopicNames;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Turns a validation's discrepancies into ApplyCommands (reason {@code REPAIR}) for the apply sink of the
 * non-authoritative side, which writes them exactly once. Orphans (foreign-key check) are left alone.
 * <pre>{@code
 * ReconcilePlan plan = Reconciler.plan(result, validator.resolve(List.of()), ReconcileSource.MONOLITH);
 * System.out.print(plan.describe());                    // --dry-run stops here
 * Reconciler.send(plan, producer, new TopicNames(), Side::label);   // to strangler.apply.service
 * }</pre>
 */
public final class Reconciler {

    private static final RowHash NO_ROW = new RowHash(0, 0);

    private Reconciler() {
    }

    /**
     * @throws ValidationException when a mapping of the result is not among {@code mappings}, its strategy cannot be
     *                             evaluated in batch, or its direction never writes to the side that would be repaired
     */
    public static ReconcilePlan plan(ValidationResult result, List<ResolvedMapping> mappings, ReconcileSource source) {
        List<Repair> repairs = new ArrayList<>();
        boolean complete = true;
        for (TableValidation table : result.tables()) {
            // orphans are reported, never repaired: the fix (delete the child, restore the parent, re-point the key)
            // is the application's decision, and an orphan present on both sides is not a disagreement to settle
            List<Discrepancy> repairable = table.discrepancies().stream().filter(d -> !d.kind().orphan()).toList();
            if (repairable.isEmpty() && table.discrepancyCount() == table.orphans().total()) {
                continue;
            }
            ResolvedMapping mapping = mappings.stream().filter(m -> m.name().equals(table.mapping())).findFirst()
                    .orElseThrow(() -> new ValidationException("mapping '" + table.mapping() + "' of the report is not in the mappings file"));
            Side authority = authority(mapping.mapping(), source);
            Side target = authority.other();
            if (!mapping.mapping().direction().writesTo(target)) {
                throw new ValidationException("mapping '" + mapping.name() + "' never writes to the " + target.label()
                        + " (direction " + mapping.mapping().direction() + "): reconcile from the other side instead");
            }
            complete &= !table.detailsTruncated();
            List<Repair> upserts = new ArrayList<>();
            for (Discrepancy discrepancy : repairable) {
                Repair repair = repair(mapping, authority, target, discrepancy);
                (repair.delete() ? repairs : upserts).add(repair);
            }
            // deletes first: on a target whose collation folds case, deleting 'Key-7' after upserting 'key-7' would
            // remove the row just written
            repairs.addAll(upserts);
        }
        return new ReconcilePlan(repairs, complete);
    }

    /**
     * Produces every repair to {@code <prefix>.apply.<target>} and waits for the acknowledgements. The record key is
     * the mapping's name: all repairs of one table go to one partition and are applied in plan order (deletes before
     * upserts), which matters when two keys that differ only in case are one key to the target's collation.
     *
     * @param targetName the apply target name of a side (its sink's {@code strangler.target}), e.g. {@code Side::label}
     * @return the number of commands sent
     */
    public static int send(ReconcilePlan plan, Producer<String, ApplyCommand> producer, TopicNames names,
                           Function<Side, String> targetName) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Repair repair : plan.repairs()) {
            String target = targetName.apply(repair.target());
            sent.add(producer.send(new ProducerRecord<>(names.apply(target),
                    repair.mapping(), toApplyCommand(repair, target))));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ValidationException("interrupted while sending repairs", e);
        } catch (ExecutionException e) {
            throw new ValidationException("sending repairs failed: " + e.getCause(), e);
        }
        return sent.size();
    }

    public static ApplyCommand toApplyCommand(Repair repair, String target) {
        Instant now = Instant.now();
        return ApplyCommand.newBuilder()
                .setMapping(repair.mapping())
                .setTarget(target)
                .setSchema$(repair.table().schema())
                .setTable(repair.table().table())
                .setOp(repair.delete() ? ApplyOperation.DELETE : ApplyOperation.UPSERT)
                .setKey(avro(repair.key().values()))
                .setRow(repair.delete() ? null : avro(repair.row().values()))
                .setRowHash(new io.strangler.schemas.RowHash(repair.rowHash().toBytes()))
                .setOriginSide(repair.source().label())
                .setOriginCommitMicros(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000)
                .setReason(ApplyReason.REPAIR)
                .build();
    }

    static Side authority(Mapping mapping, ReconcileSource source) {
        return switch (source) {
            case MONOLITH -> Side.MONOLITH;
            case SERVICE -> Side.SERVICE;
            case STRATEGY -> {
                ConflictStrategy strategy = mapping.conflict();
                if (strategy instanceof ConflictStrategy.Priority priority) {
                    yield priority.side();
                }
                if (strategy instanceof ConflictStrategy.LastWriteWins lww) {
                    yield lww.prioritySide(); // no commit times in a batch comparison: the tie-breaker decides
                }
                if (strategy instanceof ConflictStrategy.ColumnMerge merge) {
                    yield merge.prioritySide();
                }
                throw new ValidationException("mapping '" + mapping.name() + "' uses a " + strategy.strategyName()
                        + " conflict strategy, which a batch reconcile cannot evaluate: use --source monolith|service");
            }
        };
    }

    private static Repair repair(ResolvedMapping mapping, Side authority, Side target, Discrepancy discrepancy) {
        CanonicalRow authoritative = authority == Side.MONOLITH ? discrepancy.monolithRow() : discrepancy.serviceRow();
        CanonicalKey targetKey = rename(mapping, target, discrepancy.key().toRow(), mapping.keyColumns());
        var table = mapping.mapping().table(target);
        if (authoritative == null) {
            return new Repair(mapping.name(), authority, target, table, true, discrepancy.key(), targetKey, null, NO_ROW,
                    discrepancy.kind());
        }
        List<String> logical = mapping.columns().stream().map(MappedColumn::logicalName).toList();
        CanonicalRow.Builder row = CanonicalRow.builder();
        for (MappedColumn column : mapping.columns()) {
            row.put(column.column(target), authoritative.get(column.logicalName()));
        }
        boolean insert = (target == Side.SERVICE ? discrepancy.serviceRow() : discrepancy.monolithRow()) == null;
        if (insert) {
            // a row the target lacks gets the one-sided columns' configured defaults, as the sync would write them
            for (OneSidedColumn only : mapping.mapping().onlyOn(target)) {
                if (only.defaultValue() != null) {
                    row.put(only.name(), only.defaultValue());
                }
            }
        }
        return new Repair(mapping.name(), authority, target, table, false, discrepancy.key(), targetKey, row.build(),
                RowHash.of(authoritative, logical), discrepancy.kind());
    }

    private static CanonicalKey rename(ResolvedMapping mapping, Side side, CanonicalRow logicalKey, List<String> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : keys) {
            out.put(mapping.byLogicalName(key).orElseThrow().column(side), logicalKey.get(key));
        }
        return CanonicalKey.of(out);
    }

    private static Map<String, Object> avro(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> out.put(name, CanonicalValue.toAvro(value)));
        return out;
    }
}
