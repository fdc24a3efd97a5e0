package io.strangler.sync.internal;

import io.strangler.core.row.BinaryValue;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Compact binary encoding of canonical values, rows and hashes for the sync's own records (repartition topic and
 * state store). Each record starts with a format version byte so that a later release can still read old state.
 */
final class BinaryCodec {

    private static final byte NULL = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte STRING = 5;
    private static final byte BYTES = 6;

    private BinaryCodec() {
    }

    static final class Writer {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(buffer);

        Writer writeByte(int value) {
            try {
                out.writeByte(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeBoolean(boolean value) {
            return writeByte(value ? 1 : 0);
        }

        Writer writeLong(long value) {
            try {
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeInt(int value) {
            try {
                out.writeInt(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeString(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            writeInt(bytes.length);
            try {
                out.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer writeNullableString(String value) {
            writeBoolean(value != null);
            return value == null ? this : writeString(value);
        }

        Writer writeHash(RowHash hash) {
            return writeLong(hash.high()).writeLong(hash.low());
        }

        Writer writeNullableHash(RowHash hash) {
            writeBoolean(hash != null);
            return hash == null ? this : writeHash(hash);
        }

        Writer writeValue(Object value) {
            if (value == null) {
                return writeByte(NULL);
            }
            if (value instanceof Boolean b) {
                return writeByte(b ? TRUE : FALSE);
            }
            if (value instanceof Long l) {
                return writeByte(LONG).writeLong(l);
            }
            if (value instanceof Double d) {
                return writeByte(DOUBLE).writeLong(Double.doubleToRawLongBits(d));
            }
            if (value instanceof String s) {
                return writeByte(STRING).writeString(s);
            }
            if (value instanceof BinaryValue b) {
                byte[] bytes = b.toByteArray();
                writeByte(BYTES).writeInt(bytes.length);
                try {
                    out.write(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return this;
            }
            throw new IllegalArgumentException("not a canonical value: " + value.getClass().getName());
        }

        /** Null-safe: a null row is written as a count of -1. */
        Writer writeRow(CanonicalRow row) {
            if (row == null) {
                return writeInt(-1);
            }
            writeInt(row.size());
            row.values().forEach((column, value) -> writeString(column).writeValue(value));
            return this;
        }

        byte[] toBytes() {
            return buffer.toByteArray();
        }
    }

    static final class Reader {
        private final DataInputStream in;

        Reader(byte[] bytes) {
            this.in = new DataInputStream(new ByteArrayInputStream(bytes));
        }

        int readByte() {
            try {
                return in.readByte();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean readBoolean() {
            return readByte() != 0;
        }

        long readLong() {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int readInt() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] readBytes(int length) {
            try {
                return in.readNBytes(length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String readString() {
            return new String(readBytes(readInt()), StandardCharsets.UTF_8);
        }

        String readNullableString() {
            return readBoolean() ? readString() : null;
        }

        RowHash readHash() {
            return new RowHash(readLong(), readLong());
        }

        RowHash readNullableHash() {
            return readBoolean() ? readHash() : null;
        }

        Object readValue() {
            int tag = readByte();
            return switch (tag) {
                case NULL -> null;
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case LONG -> readLong();
                case DOUBLE -> Double.longBitsToDouble(readLong());
                case STRING -> readString();
                case BYTES -> BinaryValue.of(readBytes(readInt()));
                default -> throw new IllegalArgumentException("unknown value tag " + tag);
            };
        }

        CanonicalRow readRow() {
            int size = readInt();
            if (size < 0) {
                return null;
            }
            CanonicalRow.Builder builder = CanonicalRow.builder();
            for (int i = 0; i < size; i++) {
                builder.put(readString(), readValue());
            }
            return builder.build();
        }
    }
}
