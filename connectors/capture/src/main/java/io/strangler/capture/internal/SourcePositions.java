package io.strangler.capture.internal;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/** Reads positions, times and transaction ids from Debezium's {@code source} block. */
final class SourcePositions {

    private SourcePositions() {
    }

    /** PostgreSQL LSN as {@code X/Y} (hex), or MariaDB/MySQL {@code binlogfile:position}; "" when unknown. */
    static String position(Struct source) {
        if (source == null) {
            return "";
        }
        Object lsn = field(source, "lsn");
        if (lsn instanceof Number number) {
            return formatLsn(number.longValue());
        }
        Object file = field(source, "file");
        Object pos = field(source, "pos");
        if (file != null && pos != null) {
            return file + ":" + pos;
        }
        return "";
    }

    static String formatLsn(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
    }

    /** Parses {@link #formatLsn} output, e.g. for ordering checks. */
    static long parseLsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    /** Commit time at the source in micros: {@code ts_us} where Debezium provides it, else {@code ts_ms}. */
    static long commitMicros(Struct source, long fallbackMicros) {
        if (source == null) {
            return fallbackMicros;
        }
        Object micros = field(source, "ts_us");
        if (micros instanceof Number number) {
            return number.longValue();
        }
        Object millis = field(source, "ts_ms");
        if (millis instanceof Number number) {
            return TimeUnit.MILLISECONDS.toMicros(number.longValue());
        }
        return fallbackMicros;
    }

    /** Schema (PostgreSQL) or database (MariaDB/MySQL) of the changed table. */
    static String schema(Struct source) {
        Object schema = field(source, "schema");
        if (schema != null) {
            return schema.toString();
        }
        Object db = field(source, "db");
        return db == null ? null : db.toString();
    }

    static String table(Struct source) {
        Object table = field(source, "table");
        return table == null ? null : table.toString();
    }

    /** The source's own transaction id ({@code txId} or {@code gtid}) when the envelope has no transaction block. */
    static String sourceTransactionId(Struct source) {
        for (String name : new String[] {"txId", "gtid"}) {
            Object value = field(source, name);
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }

    static Object field(Struct struct, String name) {
        if (struct == null) {
            return null;
        }
        Field field = struct.schema().field(name);
        return field == null ? null : struct.get(field);
    }
}
