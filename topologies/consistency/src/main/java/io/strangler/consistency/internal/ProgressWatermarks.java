package io.strangler.consistency.internal;

import io.strangler.consistency.ConsistencySettings;
import io.strangler.core.mapping.Side;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Each side's capture progress: the source commit time up to which its capture has published every change, read from
 * {@code <prefix>.capture.<source>.progress} into a global store per side (every task sees both). A side whose capture
 * never published progress (an older capture, another CDC tool) has no watermark and is taken as caught up, as the
 * auditor did before watermarks existed.
 */
public final class ProgressWatermarks {

    /** Prefix of the global stores, one per side: {@code consistency-capture-progress-<source>}. */
    public static final String STORE_PREFIX = "consistency-capture-progress-";

    private final KeyValueStore<String, Long> monolith;
    private final KeyValueStore<String, Long> service;
    private final ConsistencySettings settings;

    private ProgressWatermarks(KeyValueStore<String, Long> monolith, KeyValueStore<String, Long> service,
            ConsistencySettings settings) {
        this.monolith = monolith;
        this.service = service;
        this.settings = settings;
    }

    /** The watermarks of both global stores, from a processor's context. */
    public static ProgressWatermarks of(ProcessorContext<?, ?> context, ConsistencySettings settings) {
        return new ProgressWatermarks(context.getStateStore(STORE_PREFIX + settings.monolithSource()),
                context.getStateStore(STORE_PREFIX + settings.serviceSource()), settings);
    }

    /** The global store of {@code source}; not logged, its topic is its changelog. */
    public static StoreBuilder<KeyValueStore<String, Long>> storeBuilder(String source) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE_PREFIX + source), Serdes.String(),
                Serdes.Long()).withLoggingDisabled();
    }

    /** Keeps the latest value of {@code source}'s progress topic; a value that is not a number is ignored. */
    public static ProcessorSupplier<String, byte[], Void, Void> updater(String source) {
        return () -> new Processor<>() {
            private KeyValueStore<String, Long> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = context.getStateStore(STORE_PREFIX + source);
            }

            @Override
            public void process(Record<String, byte[]> record) {
                if (record.key() == null || record.value() == null) {
                    return;
                }
                try {
                    long micros = Long.parseLong(new String(record.value(), StandardCharsets.UTF_8).trim());
                    Long previous = store.get(record.key());
                    if (previous == null || micros > previous) {
                        store.put(record.key(), micros);
                    }
                } catch (NumberFormatException e) {
                    // not a watermark: ignore rather than stop the auditor
                }
            }
        };
    }

    /** The side's watermark (UTC microseconds), or empty when its capture publishes none. */
    public Optional<Long> watermarkMicros(Side side) {
        return Optional.ofNullable((side == Side.MONOLITH ? monolith : service).get(settings.source(side)));
    }

    /** Both sides' captures have published every change up to {@code micros} (sides without a watermark count). */
    public boolean bothPast(long micros) {
        return past(Side.MONOLITH, micros) && past(Side.SERVICE, micros);
    }

    private boolean past(Side side, long micros) {
        return watermarkMicros(side).map(watermark -> watermark >= micros).orElse(true);
    }
}
