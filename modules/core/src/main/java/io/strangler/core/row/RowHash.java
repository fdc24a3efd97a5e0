package io.strangler.core.row;

import io.strangler.core.row.internal.RowHashEncoder;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The 128-bit hash every component uses to compare rows: MurmurHash3 x64 128 (seed 0) over the mapped
 * canonical columns in the caller's fixed order (the mapping's column order). Each column contributes its
 * name, a type tag and a length-prefixed value, so {@code ("ab","c") != ("a","bc")}, null, {@code ""} and an
 * absent column differ, and {@code 1L}, {@code "1"} and {@code 1.0} differ. The byte encoding is specified
 * in {@code docs/row-hash.md} and pinned by a golden-value test.
 *
 * <p>Example:
 * <pre>{@code
 * RowHash hash = RowHash.of(row, mapping.columns());
 * String hex = hash.toString();                 // 32 lower-case hex digits
 * RowHash same = RowHash.fromBytes(hash.toBytes());
 * }</pre>
 *
 * @param high the first 64 bits of the Murmur3 result ({@code h1})
 * @param low  the second 64 bits ({@code h2})
 */
public record RowHash(long high, long low) {

    public static final int BYTES = 16;

    /**
     * Hashes {@code columns} of {@code row}, in that order; a listed column the row lacks is hashed as
     * absent.
     *
     * @throws IllegalArgumentException when a column is listed twice
     */
    public static RowHash of(CanonicalRow row, List<String> columns) {
        RowHashEncoder encoder = new RowHashEncoder();
        encoder.write(row, columns);
        long[] h = MurmurHash3.hash128x64(encoder.buffer(), 0, encoder.size(), 0);
        return new RowHash(h[0], h[1]);
    }

    /** Big-endian {@code high} then {@code low}. */
    public byte[] toBytes() {
        byte[] out = new byte[BYTES];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (high >>> (56 - 8 * i));
            out[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }

    /** @throws IllegalArgumentException unless {@code bytes} has exactly 16 bytes */
    public static RowHash fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a row hash has 16 bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xFF);
            low = (low << 8) | (bytes[8 + i] & 0xFF);
        }
        return new RowHash(high, low);
    }

    /** @throws IllegalArgumentException unless {@code hex} is 32 hex digits */
    public static RowHash fromHex(String hex) {
        if (hex == null || hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("a row hash is 32 hex digits, got '" + hex + "'");
        }
        return fromBytes(HexFormat.of().parseHex(hex));
    }

    /** 32 lower-case hex digits of {@link #toBytes()}. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(toBytes());
    }
}
