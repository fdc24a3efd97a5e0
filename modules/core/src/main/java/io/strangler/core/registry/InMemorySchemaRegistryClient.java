package io.strangler.core.registry;

import io.strangler.core.registry.internal.InMemorySchemaStore;
import io.strangler.core.registry.internal.RegistryService;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} with the embedded registry's rules but no HTTP and no Kafka: for unit tests of
 * serdes and topologies ({@code TopologyTestDriver}). Ids, versions and compatibility checks behave as in
 * {@link EmbeddedSchemaRegistry}; nothing survives the object.
 *
 * <pre>{@code
 * Topics topics = new Topics(new InMemorySchemaRegistryClient());
 * }</pre>
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final RegistryService service = new RegistryService(new InMemorySchemaStore());

    @Override
    public int register(String subject, Schema schema) {
        return service.register(subject, schema.toString());
    }

    @Override
    public Schema schemaById(int id) {
        return new Schema.Parser().parse(service.schemaById(id));
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return toRegistered(service.version(subject, "latest"));
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return toRegistered(service.lookup(subject, schema.toString()));
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        return service.testCompatibility(subject, null, schema.toString());
    }

    /** Sets the compatibility level of a subject, or the global one when {@code subject} is null. */
    public void setCompatibility(String subject, CompatibilityLevel level) {
        service.setLevel(subject, level);
    }

    private static RegisteredSchema toRegistered(RegistryService.Version v) {
        return new RegisteredSchema(v.subject(), v.id(), v.version(), new Schema.Parser().parse(v.schema()));
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistryClient";
    }
}
