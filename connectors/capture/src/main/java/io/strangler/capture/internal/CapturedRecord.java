package io.strangler.capture.internal;

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
 */
public record CapturedRecord(String topic, String key, SpecificRecord value, Kind kind) {

    public enum Kind { ROW_CHANGE, TRANSACTION, SKIPPED }

    public CapturedRecord {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.SKIPPED) {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(value, "value");
        }
    }

    public static CapturedRecord skipped() {
        return new CapturedRecord(null, null, null, Kind.SKIPPED);
    }

    public boolean isSkipped() {
        return kind == Kind.SKIPPED;
    }
}
