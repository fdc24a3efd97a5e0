package io.strangler.core.row.internal;

import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalKey;
import io.strangler.core.row.CanonicalRow;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serialises the hashed columns of a row into the byte string specified in {@code docs/row-hash.md}.
 * Changing anything here changes every stored hash: the golden-value test guards it.
 */
public final class RowHashEncoder {

    public static final byte FORMAT_VERSION = 1;
    public static final byte TAG_ABSENT = 0x00;
    public static final byte TAG_NULL = 0x01;
    public static final byte TAG_BOOLEAN = 0x02;
    public static final byte TAG_LONG = 0x03;
    public static final byte TAG_DOUBLE = 0x04;
    public static final byte TAG_STRING = 0x05;
    public static final byte TAG_BYTES = 0x06;

    private byte[] buffer = new byte[256];
    private int size;

    public static byte[] encode(CanonicalRow row, List<String> columns) {
        RowHashEncoder encoder = new RowHashEncoder();
        encoder.write(row, columns);
        return Arrays.copyOf(encoder.buffer, encoder.size);
    }

    /** Encodes into this encoder's reusable buffer; read it with {@link #buffer()} and {@link #size()}. */
    public void write(CanonicalRow row, List<String> columns) {
        size = 0;
        putByte(FORMAT_VERSION);
        putInt(columns.size());
        Map<String, Object> values = row.values();
        Set<String> seen = columns.size() > 8 ? new HashSet<>() : null;
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (column == null) {
                throw new IllegalArgumentException("hash column list contains null at position " + i);
            }
            if (seen != null ? !seen.add(column) : columns.subList(0, i).contains(column)) {
                throw new IllegalArgumentException("hash column '" + column + "' is listed twice");
            }
            putLengthPrefixed(column.getBytes(StandardCharsets.UTF_8));
            Object value = values.get(column);
            if (value == null) {
                putByte(values.containsKey(column) ? TAG_NULL : TAG_ABSENT);
            } else {
                putValue(column, value);
            }
        }
    }

    /**
     * Encodes only the values of {@code key}, in its column order, without the column names: equal for two keys that
     * differ only in their column names (a renamed key column). Used to partition by key, never for row hashes.
     */
    public void writeKeyValues(CanonicalKey key) {
        size = 0;
        putByte(FORMAT_VERSION);
        Map<String, Object> values = key.values();
        putInt(values.size());
        values.forEach(this::putValue);
    }

    private void putValue(String column, Object value) {
        if (value instanceof Boolean b) {
            putByte(TAG_BOOLEAN);
            putByte((byte) (b ? 1 : 0));
        } else if (value instanceof Long l) {
            putByte(TAG_LONG);
            putLong(l);
        } else if (value instanceof Double d) {
            putByte(TAG_DOUBLE);
            // doubleToLongBits collapses every NaN to one pattern; -0.0 is already 0.0 in a canonical row
            putLong(Double.doubleToLongBits(d == 0.0d ? 0.0d : d));
        } else if (value instanceof String s) {
            putByte(TAG_STRING);
            putLengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof BinaryValue binary) {
            putByte(TAG_BYTES);
            putInt(binary.length());
            ensure(binary.length());
            binary.copyTo(buffer, size);
            size += binary.length();
        } else {
            throw new IllegalStateException("non-canonical value in column '" + column + "': " + value.getClass());
        }
    }

    public byte[] buffer() {
        return buffer;
    }

    public int size() {
        return size;
    }

    private void putLengthPrefixed(byte[] bytes) {
        putInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void putByte(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    private void putInt(int v) {
        ensure(4);
        buffer[size++] = (byte) (v >>> 24);
        buffer[size++] = (byte) (v >>> 16);
        buffer[size++] = (byte) (v >>> 8);
        buffer[size++] = (byte) v;
    }

    private void putLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (v >>> shift);
        }
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
