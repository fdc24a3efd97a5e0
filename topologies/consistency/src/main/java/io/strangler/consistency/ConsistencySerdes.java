package io.strangler.consistency;

import io.strangler.core.registry.SchemaRegistryClient;
import io.strangler.core.serde.AvroSerdes;
import io.strangler.schemas.ConsistencyStatus;
import io.strangler.schemas.Discrepancy;
import io.strangler.schemas.RowChange;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the topics the auditor reads and writes (keys are Strings).
 *
 * <pre>{@code
 * ConsistencySerdes serdes = ConsistencySerdes.avro(new InMemorySchemaRegistryClient());   // tests
 * ConsistencySerdes serdes = ConsistencySerdes.avro(RestSchemaRegistryClient.create(url)); // production
 * }</pre>
 */
public record ConsistencySerdes(Serde<RowChange> rowChange, Serde<Discrepancy> discrepancy,
        Serde<ConsistencyStatus> status) {

    public ConsistencySerdes {
        Objects.requireNonNull(rowChange, "rowChange");
        Objects.requireNonNull(discrepancy, "discrepancy");
        Objects.requireNonNull(status, "status");
    }

    /** Avro in the Confluent wire format through {@code registry}; schemas are registered on first use. */
    public static ConsistencySerdes avro(SchemaRegistryClient registry) {
        return new ConsistencySerdes(AvroSerdes.value(RowChange.class, registry),
                AvroSerdes.value(Discrepancy.class, registry), AvroSerdes.value(ConsistencyStatus.class, registry));
    }
}
