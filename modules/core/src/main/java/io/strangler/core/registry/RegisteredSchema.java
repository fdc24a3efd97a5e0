package io.strangler.core.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/** One version of a subject: its global id, its version within the subject and the schema. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        if (id < 0) {
            throw new IllegalArgumentException("Schema id must not be negative, got " + id + " for subject " + subject);
        }
        if (version < 1) {
            throw new IllegalArgumentException("Version must be >= 1, got " + version + " for subject " + subject);
        }
    }
}
