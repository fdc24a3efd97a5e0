package io.strangler.sync;

import io.strangler.core.mapping.Side;
import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.topic.TopicNames;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.RowChange;
import io.strangler.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Everything the pipeline recorded about one row, for the failure message of a convergence test: the row's changes
 * on both sides' cdc topics (operation, origin, position, transaction, values), the apply commands the sync sent to
 * each side, and its conflicts — so a run that does not converge can be understood after the fact, since the broker
 * and its topics are gone with the test JVM.
 */
final class KeyHistory {

    private KeyHistory() {
    }

    /**
     * @param table    the table name (the same on both sides, schema {@code public})
     * @param keyJson  the canonical key JSON, e.g. {@code {"id":70}}
     */
    static String of(TestKafka kafka, SchemaRegistryClient registry, TopicNames names, String table, String keyJson) {
        SyncSerdes serdes = SyncSerdes.avro(registry);
        StringBuilder out = new StringBuilder("history of ").append(table).append(' ').append(keyJson).append(':');
        for (Side side : Side.values()) {
            String topic = names.cdc(side.label(), "public", table);
            out.append("\n  changes on ").append(side.label()).append(':');
            read(kafka, topic, keyJson, serdes.rowChange().deserializer(), KeyHistory::describe)
                    .forEach(line -> out.append("\n    ").append(line));
        }
        for (Side side : Side.values()) {
            String topic = names.apply(side.label());
            out.append("\n  applies to ").append(side.label()).append(':');
            read(kafka, topic, keyJson, serdes.applyCommand().deserializer(), command -> command.getTable().equals(table)
                    ? describe(command) : null).forEach(line -> out.append("\n    ").append(line));
        }
        out.append("\n  conflicts:");
        read(kafka, names.syncConflicts(), null, serdes.conflict().deserializer(),
                conflict -> conflict.getMapping().equals(table) && sameKey(conflict, keyJson) ? describe(conflict)
                        : null).forEach(line -> out.append("\n    ").append(line));
        return out.toString();
    }

    private static String describe(RowChange change) {
        return change.getOp() + " origin=" + change.getOrigin() + " tx=" + change.getTransactionId() + " at "
                + change.getSourcePosition() + " commit=" + change.getSourceCommitMicros() + " after="
                + change.getAfter();
    }

    private static String describe(ApplyCommand command) {
        return command.getOp() + " " + command.getReason() + " from " + command.getOriginSide() + "@"
                + command.getOriginCommitMicros() + " row=" + command.getRow();
    }

    private static String describe(Conflict conflict) {
        return conflict.getKind() + " monolith=" + conflict.getMonolith().getOp() + " service="
                + conflict.getService().getOp() + " winner=" + conflict.getWinner() + " resolved=" + conflict.getResolved()
                + " reason=" + conflict.getReason();
    }

    private static boolean sameKey(Conflict conflict, String keyJson) {
        return CanonicalRow.fromAvro(conflict.getKey()).values().equals(CanonicalKey.decode(keyJson).values());
    }

    /** Values of the committed records of {@code topic} with record key {@code key} (any key when null), in order. */
    private static <T> List<String> read(TestKafka kafka, String topic, String key, Deserializer<T> deserializer,
            Function<T, String> describe) {
        List<String> lines = new ArrayList<>();
        try {
            CommittedRecords.forEach(kafka, topic, record -> {
                String recordKey = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                if (key == null || key.equals(recordKey)) {
                    String line = describe.apply(deserializer.deserialize(topic, record.value()));
                    if (line != null) {
                        lines.add("p" + record.partition() + "@" + record.offset() + " " + line);
                    }
                }
            });
        } catch (AssertionError | RuntimeException e) {
            lines.add("(could not read all of " + topic + ": " + e.getMessage() + ")");
        }
        return lines;
    }
}
