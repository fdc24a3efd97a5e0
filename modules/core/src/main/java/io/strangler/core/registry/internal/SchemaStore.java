package io.strangler.core.registry.internal;

import java.util.List;

/**
 * Durable log behind the embedded registry. The registry replays it at start and appends each change before making
 * it visible, so a restarted registry answers with the same ids and versions.
 */
public interface SchemaStore extends AutoCloseable {

    /** Everything stored so far, in append order. */
    List<StoreRecord> readAll();

    /** Stores the record durably; returns only once it would survive a restart. */
    void append(StoreRecord record);

    /** Where the records live, for messages. */
    String description();

    @Override
    void close();
}
