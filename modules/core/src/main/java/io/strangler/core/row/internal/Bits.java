package io.strangler.core.row.internal;

/** Bit strings → canonical {@code "0101"} text (most significant bit first, declared length). */
public final class Bits {

    private Bits() {
    }

    /** Debezium's {@code io.debezium.data.Bits}: byte 0 holds the least significant 8 bits. */
    public static String fromLittleEndian(byte[] bytes, int length) {
        int bits = length > 0 ? length : bytes.length * 8;
        StringBuilder out = new StringBuilder(bits);
        for (int i = bits - 1; i >= 0; i--) {
            int b = i / 8 < bytes.length ? bytes[i / 8] : 0;
            out.append(((b >> (i % 8)) & 1) == 1 ? '1' : '0');
        }
        return out.toString();
    }

    /** MariaDB's {@code BIT(n)} as the driver returns it: big-endian, right-aligned. */
    public static String fromBigEndian(byte[] bytes, int length) {
        int bits = length > 0 ? length : bytes.length * 8;
        StringBuilder out = new StringBuilder(bits);
        for (int i = bits - 1; i >= 0; i--) {
            int index = bytes.length - 1 - i / 8;
            int b = index >= 0 ? bytes[index] : 0;
            out.append(((b >> (i % 8)) & 1) == 1 ? '1' : '0');
        }
        return out.toString();
    }
}
