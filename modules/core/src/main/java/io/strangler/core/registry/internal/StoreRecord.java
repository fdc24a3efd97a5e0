package io.strangler.core.registry.internal;

import io.strangler.core.registry.CompatibilityLevel;
import java.util.Objects;

/** One durable fact of the registry's log. Later records with the same {@link #key()} replace earlier ones. */
public sealed interface StoreRecord permits StoreRecord.SchemaEntry, StoreRecord.ConfigEntry {

    /** Compaction identity: a (subject, version) or a config scope. */
    String key();

    /** Version {@code version} of {@code subject} has global id {@code id}; {@code deleted} after a soft delete. */
    record SchemaEntry(String subject, int version, int id, String schema, boolean deleted) implements StoreRecord {
        public SchemaEntry {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
            if (version < 1 || id < 1) {
                throw new IllegalArgumentException("Invalid schema entry for subject " + subject + ": version "
                        + version + ", id " + id + " (both must be >= 1)");
            }
        }

        @Override
        public String key() {
            return "SCHEMA/" + subject + "/" + version;
        }
    }

    /** Compatibility level of a subject, or the global one when {@code subject} is null; null level clears it. */
    record ConfigEntry(String subject, CompatibilityLevel level) implements StoreRecord {
        @Override
        public String key() {
            return subject == null ? "CONFIG" : "CONFIG/" + subject;
        }
    }
}
