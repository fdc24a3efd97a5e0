package io.strangler.core.serde;

import io.strangler.core.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/**
 * Factories of Avro serdes for generated classes.
 *
 * <pre>{@code
 * Serde<RowChange> values = AvroSerdes.value(RowChange.class, registry);
 * }</pre>
 */
public final class AvroSerdes {

    private AvroSerdes() {}

    /** Value serde that registers its schema on first use. */
    public static <T extends SpecificRecord> AvroSerde<T> value(Class<T> type, SchemaRegistryClient registry) {
        return new AvroSerde<>(registry, type, false, true);
    }

    /** Value serde; with {@code autoRegister} false the schema must already be registered. */
    public static <T extends SpecificRecord> AvroSerde<T> value(Class<T> type, SchemaRegistryClient registry,
            boolean autoRegister) {
        return new AvroSerde<>(registry, type, false, autoRegister);
    }

    /** Key serde that registers its schema on first use. */
    public static <T extends SpecificRecord> AvroSerde<T> key(Class<T> type, SchemaRegistryClient registry) {
        return new AvroSerde<>(registry, type, true, true);
    }
}
