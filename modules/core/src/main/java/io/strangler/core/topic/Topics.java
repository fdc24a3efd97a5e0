package io.strangler.core.topic;

import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.RowChange;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Typed catalogue of Strangler's row topics: names from {@link TopicNames}, String keys (the canonical key as compact
 * JSON, e.g. {@code {"id":42}}) and Avro values in the Confluent wire format through the given registry.
 *
 * <pre>{@code
 * Topics topics = new Topics(new TopicNames(), RestSchemaRegistryClient.create(registryUrl));
 * Topic<String, RowChange> orders = topics.cdc("monolith", "public", "orders");
 * producer = new KafkaProducer<>(props, orders.keySerde().serializer(), orders.valueSerde().serializer());
 * }</pre>
 */
public final class Topics {

    private final TopicNames names;
    private final SchemaRegistryClient registry;
    private final Serde<RowChange> rowChanges;
    private final Serde<ApplyCommand> applyCommands;
    private final Serde<Conflict> conflicts;

    public Topics(TopicNames names, SchemaRegistryClient registry) {
        this.names = Objects.requireNonNull(names, "names");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.rowChanges = AvroSerdes.value(RowChange.class, registry);
        this.applyCommands = AvroSerdes.value(ApplyCommand.class, registry);
        this.conflicts = AvroSerdes.value(Conflict.class, registry);
    }

    /** With the default prefix. */
    public Topics(SchemaRegistryClient registry) {
        this(new TopicNames(), registry);
    }

    public TopicNames names() {
        return names;
    }

    public Topic<String, RowChange> cdc(String source, String schema, String table) {
        return new Topic<>(names.cdc(source, schema, table), Serdes.String(), rowChanges);
    }

    public Topic<String, ApplyCommand> apply(String target) {
        return new Topic<>(names.apply(target), Serdes.String(), applyCommands);
    }

    public Topic<String, Conflict> syncConflicts() {
        return new Topic<>(names.syncConflicts(), Serdes.String(), conflicts);
    }

    /**
     * Any other topic with String keys and Avro values of a generated class, e.g. for event types defined by other
     * modules: {@code topics.avro(topics.names().routerEvents(), RouterEvent.class)}.
     */
    public <V extends SpecificRecord> Topic<String, V> avro(String name, Class<V> valueType) {
        return new Topic<>(name, Serdes.String(), AvroSerdes.value(valueType, registry));
    }
}
