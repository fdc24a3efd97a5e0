package io.strangler.core.registry;

import org.apache.avro.Schema;

/**
 * Client of a schema registry speaking the Confluent REST API (Confluent Schema Registry, Karapace, Redpanda,
 * Apicurio's ccompat API, or Strangler's {@link EmbeddedSchemaRegistry}). Only Avro schemas are handled.
 * Implementations cache what cannot change (ids to schemas, schemas to ids) and are thread-safe.
 *
 * <pre>{@code
 * SchemaRegistryClient registry = RestSchemaRegistryClient.create("http://localhost:8081");
 * int id = registry.register("strangler.cdc.monolith.public.orders-value", RowChange.getClassSchema());
 * Schema writer = registry.schemaById(id);
 * }</pre>
 *
 * Failures are {@link SchemaRegistryException}s carrying the registry's error code, e.g.
 * {@link SchemaRegistryException#SUBJECT_NOT_FOUND}.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (or finds it already registered) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id; {@link SchemaRegistryException#SCHEMA_NOT_FOUND} if there is none. */
    Schema schemaById(int id);

    /** The latest version of the subject; {@link SchemaRegistryException#SUBJECT_NOT_FOUND} if it has none. */
    RegisteredSchema latest(String subject);

    /**
     * The id and version under which this schema is registered in the subject, without registering it;
     * {@link SchemaRegistryException#SCHEMA_NOT_FOUND} or {@link SchemaRegistryException#SUBJECT_NOT_FOUND} if it is not.
     */
    RegisteredSchema lookup(String subject, Schema schema);

    /**
     * Whether the schema could be registered as the next version of the subject under its compatibility level. A
     * subject without versions accepts any valid schema.
     */
    CompatibilityResult testCompatibility(String subject, Schema schema);
}
