package io.strangler.cli.dlq;

import io.strangler.core.topic.TopicNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Decides which dead letters can be replayed faithfully. Apply, sync and replicate dead-letter a record they read from
 * a topic: they keep its topic, partition, key (the record key as read, UTF-8) and value bytes as received
 * ({@code confluent-avro}), so sending those again is the same record. Capture and the sync's conflict resolver fail
 * before anything was published: their payload is a JSON description, not a record, so they are skipped with the way
 * to redo them instead.
 */
final class ReplayPlanner {

    static final String REPLAYABLE_FORMAT = "confluent-avro";

    private final TopicNames names;
    private final Set<String> replayed;
    private final boolean again;

    /**
     * @param replayed positions ({@code partition:offset}) already replayed
     * @param again    replay those as well
     */
    ReplayPlanner(TopicNames names, Set<String> replayed, boolean again) {
        this.names = names;
        this.replayed = Set.copyOf(replayed);
        this.again = again;
    }

    List<ReplayDecision> plan(List<DlqEntry> entries) {
        return plan(entries, OptionalInt.empty());
    }

    /**
     * Decisions in DLQ order, up to the {@code limit}-th send: the limit counts records sent, not letters looked at,
     * so {@code replay --limit 100} run again goes on with the next hundred instead of re-skipping the first.
     */
    List<ReplayDecision> plan(List<DlqEntry> entries, OptionalInt limit) {
        List<ReplayDecision> decisions = new ArrayList<>();
        int sends = 0;
        for (DlqEntry entry : entries) {
            if (limit.isPresent() && sends >= limit.getAsInt()) {
                break;
            }
            ReplayDecision decision = decide(entry);
            decisions.add(decision);
            if (decision instanceof ReplayDecision.Send) {
                sends++;
            }
        }
        return List.copyOf(decisions);
    }

    ReplayDecision decide(DlqEntry entry) {
        if (!again && replayed.contains(entry.position())) {
            return new ReplayDecision.Skip(entry, "already replayed (give --again to send it once more)");
        }
        if (entry.topic().isEmpty()) {
            return new ReplayDecision.Skip(entry, "not read from a topic: " + entry.component() + " failed before"
                    + " publishing (" + redo(entry) + ")");
        }
        String topic = entry.topic().get();
        if (topic.equals(names.syncDlq()) || topic.equals(names.dlqReplayed()) || isStreamsInternal(topic)) {
            return new ReplayDecision.Skip(entry, "read from " + topic + ", which only its own processor writes");
        }
        if (entry.payload().isEmpty()) {
            return new ReplayDecision.Skip(entry, "no payload: the record was not kept (" + redo(entry) + ")");
        }
        if (!entry.payloadFormat().filter(REPLAYABLE_FORMAT::equals).isPresent()) {
            return new ReplayDecision.Skip(entry, "payload is " + entry.payloadFormat().orElse("of unknown format")
                    + ", not an Avro record as read: it would fail the same way (" + redo(entry) + ")");
        }
        return new ReplayDecision.Send(entry, topic, entry.topicPartition(),
                entry.key().map(key -> key.getBytes(StandardCharsets.UTF_8)).orElse(null), entry.payload().get());
    }

    /** A Kafka Streams repartition or changelog topic: its format is the topology's own business. */
    private static boolean isStreamsInternal(String topic) {
        return topic.endsWith("-repartition") || topic.endsWith("-changelog");
    }

    private static String redo(DlqEntry entry) {
        return switch (entry.component()) {
            case "capture" -> "fix the cause, then re-snapshot the row, e.g. touch it in the database";
            case "sync" -> "fix the cause, then touch the row on either side";
            default -> "fix the cause, then touch the row in its database";
        };
    }
}
