package io.strangler.core.serde;

import io.strangler.core.registry.CompatibilityResult;
import io.strangler.core.registry.InMemorySchemaRegistryClient;
import io.strangler.core.registry.RegisteredSchema;
import io.strangler.core.registry.SchemaRegistryClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** Counts the calls reaching the registry, to prove the serdes cache. */
final class CountingRegistryClient implements SchemaRegistryClient {

    final InMemorySchemaRegistryClient delegate = new InMemorySchemaRegistryClient();
    final AtomicInteger registers = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger byIds = new AtomicInteger();

    @Override
    public int register(String subject, Schema schema) {
        registers.incrementAndGet();
        return delegate.register(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        byIds.incrementAndGet();
        return delegate.schemaById(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return delegate.latest(subject);
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        lookups.incrementAndGet();
        return delegate.lookup(subject, schema);
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        return delegate.testCompatibility(subject, schema);
    }
}
