package io.strangler.sync;

import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.RowChange;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the topics the sync reads and writes (keys are Strings).
 *
 * <pre>{@code
 * SyncSerdes serdes = SyncSerdes.avro(new InMemorySchemaRegistryClient());   // tests
 * SyncSerdes serdes = SyncSerdes.avro(RestSchemaRegistryClient.create(url)); // production
 * }</pre>
 */
public record SyncSerdes(Serde<RowChange> rowChange, Serde<ApplyCommand> applyCommand, Serde<Conflict> conflict,
        Serde<DeadLetter> deadLetter) {

    public SyncSerdes {
        Objects.requireNonNull(rowChange, "rowChange");
        Objects.requireNonNull(applyCommand, "applyCommand");
        Objects.requireNonNull(conflict, "conflict");
        Objects.requireNonNull(deadLetter, "deadLetter");
    }

    /** Avro in the Confluent wire format through {@code registry}; schemas are registered on first use. */
    public static SyncSerdes avro(SchemaRegistryClient registry) {
        return new SyncSerdes(AvroSerdes.value(RowChange.class, registry), AvroSerdes.value(ApplyCommand.class, registry),
                AvroSerdes.value(Conflict.class, registry), AvroSerdes.value(DeadLetter.class, registry));
    }
}
