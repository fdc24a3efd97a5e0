package io.strangler.core.registry.internal;

import java.util.ArrayList;
import java.util.List;

/** A {@link SchemaStore} that lives as long as the object: for unit tests and throw-away registries. */
public final class InMemorySchemaStore implements SchemaStore {

    private final List<StoreRecord> records = new ArrayList<>();

    @Override
    public synchronized List<StoreRecord> readAll() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void append(StoreRecord record) {
        records.add(record);
    }

    @Override
    public String description() {
        return "memory";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
