package io.strangler.capture.internal;

import io.strangler.core.row.CanonicalKey;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one Debezium record becomes: a value to produce to a Strangler topic, or nothing (heartbeats, schema
 * changes, truncates and other records capture does not publish, which still count as processed).
 *
 * @param topic the Strangler topic, {@code null} when nothing is produced
 * @param key   the record key (canonical key or transaction id)
 * @param value the Avro value
 * @param kind  what it is, for metrics and logs
 * @param rowKey the changed row's key, which picks the partition ({@link io.strangler.core.topic.KeyPartitioner});
 *              null for anything but a row change
 */
public record CapturedRecord(String topic, String key, SpecificRecord value, Kind kind, CanonicalKey rowKey) {

    public enum Kind { ROW_CHANGE, TRANSACTION, SKIPPED }

    public CapturedRecord {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.SKIPPED) {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A record that is not a row change: partitioned by the producer's default (a hash of its key bytes). */
    public CapturedRecord(String topic, String key, SpecificRecord value, Kind kind) {
        this(topic, key, value, kind, null);
    }

    public static CapturedRecord skipped() {
        return new CapturedRecord(null, null, null, Kind.SKIPPED);
    }

    public boolean isSkipped() {
        return kind == Kind.SKIPPED;
    }
}
