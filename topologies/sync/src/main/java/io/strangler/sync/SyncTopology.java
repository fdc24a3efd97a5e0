package io.strangler.sync;

import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.DeadLetter;
import io.strangler.sync.internal.LogicalChange;
import io.strangler.sync.internal.MappingIndex;
import io.strangler.sync.internal.RekeyPartitioner;
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
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;

/**
 * The sync topology (DESIGN §5), a pure builder: no I/O, no Streams properties.
 *
 * <pre>
 * strangler.cdc.&lt;monolith&gt;.* ─┐                                       ┌─&gt; strangler.apply.&lt;monolith&gt;
 *                             ├─ translate ──(in place)──── sync (store) ─┼─&gt; strangler.apply.&lt;service&gt;
 * strangler.cdc.&lt;service&gt;.*  ─┘    │    └─(elsewhere)─&gt; re-key ─┘        ├─&gt; strangler.sync.conflicts
 *                                  └──────────────────────────────────────┴─&gt; strangler.sync.dlq
 * </pre>
 *
 * Every logical row, keyed by (mapping, logical key), is processed in partition
 * {@code KeyPartitioner.partition(logical key, rekey.partitions)}; capture partitions the cdc topics the same way, so
 * a change normally is already there and goes straight to the store; one that is not (a cdc topic with another
 * partition count, a key whose values a mapping converts) is first written to the re-key topic in that partition.
 *
 * <pre>{@code
 * Topology topology = SyncTopology.build(SyncSettings.defaults(), resolvedMappings, SyncSerdes.avro(registry));
 * try (KafkaStreams streams = new KafkaStreams(topology, SyncConfig.streamsProperties(config))) { ... }
 * }</pre>
 *
 * The store {@value #ROWS_STORE} holds per logical row the agreed image and each side's state;
 * {@value #TOMBSTONES_STORE} indexes deletions for expiry. The re-key topic ({@link SyncSettings.Rekey}) is not a
 * Kafka Streams internal topic: {@link SyncApp} creates it, with the configured partition count.
 */
public final class SyncTopology {

    public static final String ROWS_STORE = SyncProcessor.ROWS_STORE;
    public static final String TOMBSTONES_STORE = SyncProcessor.TOMBSTONES_STORE;

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
                .branch((key, value) -> value instanceof Routed.ChangeOut, Branched.as("in-place"))
                .branch((key, value) -> value instanceof Routed.RekeyOut, Branched.as("elsewhere"))
                .defaultBranch(Branched.as("dead-letters"));
        toDeadLetters(stage1.get("sync-translated-dead-letters"), settings, serdes, "sync-translate-dlq");

        // A change read from another partition than its row's takes one hop through the re-key topic. The topic is a
        // source of this same sub-topology, so its partition p and every cdc topic's partition p form task p: the
        // row's store entry lives there whichever way the change came.
        String rekeyTopic = settings.rekey().topic();
        stage1.get("sync-translated-elsewhere")
                .mapValues(value -> ((Routed.RekeyOut) value).change(), Named.as("sync-rekey"))
                .to(rekeyTopic, Produced.with(Serdes.String(), SyncCodecs.changeSerde())
                        .withStreamPartitioner(new RekeyPartitioner(settings.rekey().partitions()))
                        .withName("sync-rekey-sink"));
        KStream<String, LogicalChange> rekeyed = builder.stream(rekeyTopic,
                Consumed.with(Serdes.String(), SyncCodecs.changeSerde()).withName("sync-rekeyed"));
        KStream<String, Routed> decided = stage1.get("sync-translated-in-place")
                .mapValues(value -> ((Routed.ChangeOut) value).change(), Named.as("sync-logical"))
                .merge(rekeyed, Named.as("sync-changes"))
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
