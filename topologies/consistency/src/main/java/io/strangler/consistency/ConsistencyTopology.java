package io.strangler.consistency;

import io.strangler.consistency.internal.AuditOutput;
import io.strangler.consistency.internal.AuditProcessor;
import io.strangler.consistency.internal.MappingIndex;
import io.strangler.consistency.internal.Observation;
import io.strangler.consistency.internal.PartialStatus;
import io.strangler.consistency.internal.ProgressWatermarks;
import io.strangler.consistency.internal.StateCodec;
import io.strangler.consistency.internal.StatusAggregator;
import io.strangler.consistency.internal.TranslateProcessor;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.schemas.ConsistencyStatus;
import io.strangler.schemas.Discrepancy;
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
import org.apache.kafka.streams.state.Stores;

/**
 * The streaming consistency auditor (DESIGN §7), a pure builder: no I/O, no Streams properties. It reads the
 * capture's change streams of both sides and nothing of the sync, so it audits the sync rather than trusting it.
 *
 * <pre>
 * strangler.cdc.&lt;monolith&gt;.* ─┐                                                ┌─&gt; strangler.consistency.discrepancies
 *                             ├─ translate ─ re-key ─ audit (rows, timers) ─┤
 * strangler.cdc.&lt;service&gt;.*  ─┘   (mapping, logical key)                      └─ partial counts ─ re-key ─ status
 *                                                                                       ─&gt; strangler.consistency.status
 * </pre>
 *
 * <pre>{@code
 * Topology topology = ConsistencyTopology.build(ConsistencySettings.defaults(), resolvedMappings,
 *         ConsistencySerdes.avro(registry));
 * }</pre>
 *
 * Stores: {@value #ROWS_STORE} (per logical row both sides' latest hash, values and times),
 * {@value #TIMERS_STORE} (rows waiting for their grace period or tombstone retention, in due order),
 * {@value #PARTIALS_STORE} (latest counts per audit partition), and the global {@value #PROGRESS_STORE_PREFIX}{@code <source>} (each
 * side's capture progress watermark, from {@code <prefix>.capture.<source>.progress}). Internal topics: {@code <application.id>-}{@value #ROWS_REPARTITION}{@code -repartition} and
 * {@code <application.id>-}{@value #STATUS_REPARTITION}{@code -repartition}.
 */
public final class ConsistencyTopology {

    public static final String ROWS_STORE = AuditProcessor.ROWS_STORE;
    public static final String TIMERS_STORE = AuditProcessor.TIMERS_STORE;
    public static final String PARTIALS_STORE = StatusAggregator.PARTIALS_STORE;
    public static final String PROGRESS_STORE_PREFIX = ProgressWatermarks.STORE_PREFIX;
    public static final String ROWS_REPARTITION = "consistency-rows";
    public static final String STATUS_REPARTITION = "consistency-partials";

    private ConsistencyTopology() {
    }

    /**
     * Builds the auditor for {@code mappings}.
     *
     * @throws IllegalArgumentException when there is no mapping or two share a name
     */
    public static Topology build(ConsistencySettings settings, List<ResolvedMapping> mappings,
            ConsistencySerdes serdes) {
        if (mappings.isEmpty()) {
            throw new IllegalArgumentException("the consistency auditor needs at least one mapping");
        }
        MappingIndex index = new MappingIndex(settings, mappings);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROWS_STORE),
                Serdes.String(), StateCodec.auditRowSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARTIALS_STORE),
                Serdes.String(), StateCodec.partialStatusSerde()));

        for (String source : List.of(settings.monolithSource(), settings.serviceSource())) {
            builder.addGlobalStore(ProgressWatermarks.storeBuilder(source),
                    settings.topicNames().captureProgress(source),
                    Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("consistency-progress-" + source),
                    ProgressWatermarks.updater(source));
        }

        KStream<String, AuditOutput> audited = builder
                .stream(index.topics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("consistency-cdc"))
                .process(() -> new TranslateProcessor(index, serdes.rowChange().deserializer()),
                        Named.as("consistency-translate"))
                .repartition(Repartitioned.<String, Observation>as(ROWS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(StateCodec.observationSerde()))
                .process(() -> new AuditProcessor(settings, index), Named.as("consistency-audit"), ROWS_STORE,
                        TIMERS_STORE);

        Map<String, KStream<String, AuditOutput>> outputs = audited.split(Named.as("consistency-out-"))
                .branch((key, value) -> value instanceof AuditOutput.DiscrepancyOut, Branched.as("discrepancies"))
                .defaultBranch(Branched.as("partials"));
        outputs.get("consistency-out-discrepancies")
                .mapValues(value -> ((AuditOutput.DiscrepancyOut) value).discrepancy(), Named.as("consistency-event"))
                .to(settings.topicNames().consistencyDiscrepancies(), Produced.<String, Discrepancy>with(
                        Serdes.String(), serdes.discrepancy()).withName("consistency-discrepancies-sink"));
        outputs.get("consistency-out-partials")
                .mapValues(value -> ((AuditOutput.PartialOut) value).partial(), Named.as("consistency-partial"))
                .repartition(Repartitioned.<String, PartialStatus>as(STATUS_REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(StateCodec.partialStatusSerde()))
                .process(() -> new StatusAggregator(settings, index.mappingNames()), Named.as("consistency-status"),
                        PARTIALS_STORE)
                .to(settings.topicNames().consistencyStatus(), Produced.<String, ConsistencyStatus>with(
                        Serdes.String(), serdes.status()).withName("consistency-status-sink"));
        return builder.build();
    }
}
