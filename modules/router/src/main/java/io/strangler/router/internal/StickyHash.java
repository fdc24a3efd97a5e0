package io.strangler.router.internal;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Maps a sticky key to one of {@value #BUCKETS} buckets with murmur3 (32-bit, x86), salted with the route id so that
 * routes split users independently. A key is on the candidate side when its bucket is below the weight threshold, so
 * raising the weight only ever moves keys from stable to candidate (monotone ramps).
 */
public final class StickyHash {

    public static final int BUCKETS = 10_000;

    /** Longest salt + key hashed without allocating; longer or non-ASCII input takes the general path. */
    private static final int SCRATCH_BYTES = 256;

    /** Runs on every routed request: the bytes are assembled here instead of in a new String and byte[]. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

    private StickyHash() {
    }

    public static int bucket(String salt, String key) {
        int length = salt.length() + 1 + key.length();
        if (length <= SCRATCH_BYTES) {
            byte[] scratch = SCRATCH.get();
            // ASCII is its own UTF-8 encoding, so these are the bytes of the general path
            if (putAscii(salt, scratch, 0) && putAscii(key, scratch, salt.length() + 1)) {
                scratch[salt.length()] = 0;
                return toBucket(MurmurHash3.hash32x86(scratch, 0, length, 0));
            }
        }
        byte[] bytes = (salt + '\u0000' + key).getBytes(StandardCharsets.UTF_8);
        return toBucket(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0));
    }

    private static boolean putAscii(String s, byte[] into, int offset) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            into[offset + i] = (byte) c;
        }
        return true;
    }

    private static int toBucket(int hash) {
        return (int) (Integer.toUnsignedLong(hash) % BUCKETS);
    }

    /** Threshold for a weight in percent with two decimals, 0..{@value #BUCKETS}. */
    public static int threshold(double weightPercent) {
        return (int) Math.round(weightPercent * (BUCKETS / 100.0));
    }

    public static boolean inCandidate(String salt, String key, double weightPercent) {
        return bucket(salt, key) < threshold(weightPercent);
    }
}
