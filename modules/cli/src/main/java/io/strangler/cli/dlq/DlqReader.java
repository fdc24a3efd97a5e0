package io.strangler.cli.dlq;

import io.strangler.core.registry.RestSchemaRegistryClient;
import io.strangler.core.registry.SchemaRegistryException;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.core.topic.TopicNames;
import io.strangler.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;

/** The DLQ's dead letters and the replay markers, each read once to the end it had when asked. */
final class DlqReader implements AutoCloseable {

    /** What the DLQ holds that matched, and how many records could not be decoded as DeadLetters (a warning). */
    record Letters(List<DlqEntry> entries, int undecodable) {
        Letters {
            entries = List.copyOf(entries);
        }
    }

    private final TopicNames names;
    private final TopicScanner scanner;
    private final Deserializer<DeadLetter> deserializer;

    DlqReader(DlqSettings settings) {
        this.names = new TopicNames(settings.topicPrefix());
        this.scanner = new TopicScanner(settings);
        var registry = new RestSchemaRegistryClient(settings.schemaRegistryUrl(),
                settings.registryUserInfo().orElse(null), settings.timeout());
        // never register: reading must not change the registry either
        this.deserializer = AvroSerdes.value(DeadLetter.class, registry, false).deserializer();
    }

    TopicNames names() {
        return names;
    }

    /** The dead letters {@code filter} selects, its limit applied, in DLQ order (partition, then offset). */
    Letters letters(DlqFilter filter) {
        List<DlqEntry> entries = new ArrayList<>();
        int[] undecodable = {0};
        scanner.scan(names.syncDlq(), record -> {
            if (filter.limit().isPresent() && entries.size() >= filter.limit().getAsInt()) {
                return;
            }
            if (record.value() == null) {
                return;
            }
            DeadLetter letter;
            try {
                letter = deserializer.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                if (isRegistryUnreachable(e)) {
                    throw new DlqUnavailableException("cannot read the dead letters' schema: " + e.getMessage(), e);
                }
                undecodable[0]++;
                return;
            }
            DlqEntry entry = DlqEntry.of(record.partition(), record.offset(), letter);
            if (filter.matches(entry)) {
                entries.add(entry);
            }
        });
        return new Letters(entries, undecodable[0]);
    }

    /** Positions ({@code partition:offset}) of the dead letters already replayed, from the compacted marker topic. */
    Set<String> replayed() {
        Set<String> positions = new HashSet<>();
        scanner.scan(names.dlqReplayed(), record -> {
            if (record.key() == null) {
                return;
            }
            String position = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                positions.remove(position); // a tombstone: an operator forgot the replay on purpose
            } else {
                positions.add(position);
            }
        });
        return positions;
    }

    /**
     * A registry that does not answer (or fails) says nothing about the record: stop rather than count every dead
     * letter as undecodable. A record whose schema id the registry does not know is a record that is not ours.
     */
    private static boolean isRegistryUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SchemaRegistryException registry && (registry.httpStatus() == 0
                    || registry.errorCode() == SchemaRegistryException.UNREACHABLE || registry.httpStatus() >= 500)) {
                return true;
            }
            if (cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        scanner.close();
    }
}
