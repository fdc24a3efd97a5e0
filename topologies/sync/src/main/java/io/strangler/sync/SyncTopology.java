package io.strangler.sync;

import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.DeadLetter;
import io.strangler.sync.internal.LogicalChange;
import io.strangler.sync.internal.MappingIndex;
import io.strangler.sync.internal.Resolvers;
import io.strangler.sync.internal.Routed;
import io.strangler.sync.internal.SyncCodecs;
import io.strangler.sync.internal.SyncProcessor;
import io.strangler.sync.internal.TranslateProcessor;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;

/**
 * The sync topology (DESIGN §5), a pure builder: no I/O, no Streams properties.
 *
 * <pre>
 * strangler.cdc.&lt;monolith&gt;.* ─┐                                     ┌─&gt; strangler.apply.&lt;monolith&gt;
 *                             ├─ translate ─ re-key ─ sync (store) ─┼─&gt; strangler.apply.&lt;service&gt;
 * strangler.cdc.&lt;service&gt;.*  ─┘    │    (mapping, logical key)     ├─&gt; strangler.sync.conflicts
 *                                  └──────────────────────────────────┴─&gt; strangler.sync.dlq
 * </pre>
 *
 * <pre>{@code
 * Topology topology = SyncTopology.build(SyncSettings.defaults(), resolvedMappings, SyncSerdes.avro(registry));
 * try (KafkaStreams streams = new KafkaStreams(topology, SyncConfig.streamsProperties(config))) { ... }
 * }</pre>
 *
 * The store {@value #ROWS_STORE} holds per logical row the agreed image and each side's state;
 * {@value #TOMBSTONES_STORE} indexes deletions for expiry. The internal repartition topic is
 * {@code <application.id>-}{@value #REPARTITION_NAME}{@code -repartition}.
 */
public final class SyncTopology {

    public static final String ROWS_STORE = SyncProcessor.ROWS_STORE;
    public static final String TOMBSTONES_STORE = SyncProcessor.TOMBSTONES_STORE;
    public static final String REPARTITION_NAME = "sync-rekeyed";

    /** Where the row state lives: RocksDB (production), or in memory (tests and benchmarks of the rules alone). */
    public enum Stores {
        ROCKSDB,
        IN_MEMORY
    }

    private SyncTopology() {
    }

    /**
     * Builds the topology for {@code mappings}.
     *
     * @throws IllegalArgumentException when there is no mapping or two share a name
     * @throws io.strangler.core.mapping.MappingException when a custom resolver cannot be loaded
     */
    public static Topology build(SyncSettings settings, List<ResolvedMapping> mappings, SyncSerdes serdes) {
        return build(settings, mappings, serdes, Stores.ROCKSDB);
    }

    /** As {@link #build(SyncSettings, List, SyncSerdes)}, with the state in {@code stores}. */
    public static Topology build(SyncSettings settings, List<ResolvedMapping> mappings, SyncSerdes serdes,
            Stores stores) {
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("the sync needs at least one mapping");
        }
        MappingIndex index = new MappingIndex(settings, mappings);
        // fail at build time, not in a stream thread, when a custom resolver cannot be loaded
        mappings.forEach(mapping -> Resolvers.create(mapping.name(), mapping.mapping().conflict()));

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(supplier(ROWS_STORE, stores),
                Serdes.String(), SyncCodecs.stateSerde()));
        builder.addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                supplier(TOMBSTONES_STORE, stores), Serdes.String(), Serdes.Long()));

        KStream<String, Routed> translated = builder
                .stream(index.topics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("sync-cdc"))
                .process(() -> new TranslateProcessor(settings, index, serdes.rowChange().deserializer()),
                        Named.as("sync-translate"));
        Map<String, KStream<String, Routed>> stage1 = translated.split(Named.as("sync-translated-"))
                .branch((key, value) -> value instanceof Routed.ChangeOut, Branched.as("changes"))
                .defaultBranch(Branched.as("dead-letters"));
        toDeadLetters(stage1.get("sync-translated-dead-letters"), settings, serdes, "sync-translate-dlq");

        KStream<String, Routed> decided = stage1.get("sync-translated-changes")
                .mapValues(value -> ((Routed.ChangeOut) value).change(), Named.as("sync-logical"))
                .repartition(Repartitioned.<String, LogicalChange>as(REPARTITION_NAME)
                        .withKeySerde(Serdes.String()).withValueSerde(SyncCodecs.changeSerde()))
                .process(() -> new SyncProcessor(settings, index), Named.as("sync-rows"), ROWS_STORE, TOMBSTONES_STORE);

        Map<String, KStream<String, Routed>> stage2 = decided.split(Named.as("sync-out-"))
                .branch((key, value) -> value instanceof Routed.ApplyOut apply && apply.target() == Side.MONOLITH,
                        Branched.as("monolith"))
                .branch((key, value) -> value instanceof Routed.ApplyOut apply && apply.target() == Side.SERVICE,
                        Branched.as("service"))
                .branch((key, value) -> value instanceof Routed.ConflictOut, Branched.as("conflicts"))
                .defaultBranch(Branched.as("dead-letters"));
        for (Side side : Side.values()) {
            stage2.get("sync-out-" + side.label())
                    .mapValues(value -> ((Routed.ApplyOut) value).command(), Named.as("sync-apply-" + side.label()))
                    .to(settings.topicNames().apply(settings.source(side)),
                            Produced.<String, ApplyCommand>with(Serdes.String(), serdes.applyCommand())
                                    .withName("sync-apply-" + side.label() + "-sink"));
        }
        stage2.get("sync-out-conflicts")
                .mapValues(value -> ((Routed.ConflictOut) value).conflict(), Named.as("sync-conflict"))
                .to(settings.topicNames().syncConflicts(), Produced.<String, Conflict>with(Serdes.String(),
                        serdes.conflict()).withName("sync-conflicts-sink"));
        toDeadLetters(stage2.get("sync-out-dead-letters"), settings, serdes, "sync-rows-dlq");
        return builder.build();
    }

    private static KeyValueBytesStoreSupplier supplier(String name, Stores stores) {
        return stores == Stores.ROCKSDB ? org.apache.kafka.streams.state.Stores.persistentKeyValueStore(name)
                : org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(name);
    }

    private static void toDeadLetters(KStream<String, Routed> stream, SyncSettings settings, SyncSerdes serdes,
            String name) {
        stream.mapValues(value -> ((Routed.DeadLetterOut) value).deadLetter(), Named.as(name))
                .to(settings.topicNames().syncDlq(), Produced.<String, DeadLetter>with(Serdes.String(),
                        serdes.deadLetter()).withName(name + "-sink"));
    }
}
