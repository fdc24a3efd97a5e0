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

    private StickyHash() {
    }

    public static int bucket(String salt, String key) {
        byte[] bytes = (salt + '\u0000' + key).getBytes(StandardCharsets.UTF_8);
        return (int) (Integer.toUnsignedLong(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0)) % BUCKETS);
    }

    /** Threshold for a weight in percent with two decimals, 0..{@value #BUCKETS}. */
    public static int threshold(double weightPercent) {
        return (int) Math.round(weightPercent * (BUCKETS / 100.0));
    }

    public static boolean inCandidate(String salt, String key, double weightPercent) {
        return bucket(salt, key) < threshold(weightPercent);
    }
}
