package io.strangler.core.topic;

import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.internal.RowHashEncoder;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The partition a row's changes go to on Strangler's keyed topics: a hash of the key's canonical <em>values</em>, in
 * key order, without the column names. Capture partitions its change topics with it, so the monolith's and the
 * service's change of one logical row land in the same partition number even when a mapping renames the key columns
 * or the engines name them differently; the sync then processes both without re-keying them through a topic (it
 * checks every record and re-keys the ones that are not where this function puts them, so a producer that partitions
 * otherwise is slower, never wrong).
 *
 * <pre>{@code
 * int partition = KeyPartitioner.partition(CanonicalKey.of(Map.of("id", 42L)), 6);
 * }</pre>
 *
 * The value encoding is the row hash's ({@code docs/row-hash.md}); the hash is MurmurHash3 x86 32 (seed 0). Changing
 * either moves keys between partitions, which breaks per-key order for consumers across the change.
 */
public final class KeyPartitioner {

    private KeyPartitioner() {
    }

    /**
     * The partition of {@code key} among {@code partitions}.
     *
     * @throws IllegalArgumentException when {@code partitions} is not positive
     */
    public static int partition(CanonicalKey key, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        RowHashEncoder encoder = new RowHashEncoder();
        encoder.writeKeyValues(key);
        int hash = MurmurHash3.hash32x86(encoder.buffer(), 0, encoder.size(), 0);
        return (hash & Integer.MAX_VALUE) % partitions;
    }
}
