package io.strangler.core.row;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The canonical form of a binary value: an immutable byte string with equality by content. Arrays are
 * copied on the way in and on the way out, so no caller can change a value another component holds.
 *
 * <p>Example: {@code BinaryValue.of(new byte[] {1, 2}).equals(BinaryValue.ofHex("0102"))} is {@code true}.
 */
public final class BinaryValue implements Comparable<BinaryValue> {

    private static final BinaryValue EMPTY = new BinaryValue(new byte[0]);

    private final byte[] bytes;

    private BinaryValue(byte[] owned) {
        this.bytes = owned;
    }

    /** Copies {@code bytes}. */
    public static BinaryValue of(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes is null");
        }
        return bytes.length == 0 ? EMPTY : new BinaryValue(bytes.clone());
    }

    /** Copies the remaining bytes of {@code buffer} without moving its position. */
    public static BinaryValue of(ByteBuffer buffer) {
        if (buffer == null) {
            throw new IllegalArgumentException("buffer is null");
        }
        ByteBuffer view = buffer.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return copy.length == 0 ? EMPTY : new BinaryValue(copy);
    }

    public static BinaryValue ofHex(String hex) {
        return new BinaryValue(HexFormat.of().parseHex(hex));
    }

    public static BinaryValue ofBase64(String base64) {
        return new BinaryValue(Base64.getDecoder().decode(base64));
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A fresh heap buffer over a copy, positioned at 0 (what Avro's {@code bytes} type expects). */
    public ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(bytes.clone());
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Writes the bytes into {@code target} without an intermediate copy (used by the row hash). */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinaryValue that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(BinaryValue other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return bytes.length <= 64 ? "0x" + toHex() : "0x" + HexFormat.of().formatHex(bytes, 0, 64) + "...(" + bytes.length + " bytes)";
    }
}
