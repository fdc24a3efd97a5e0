package io.strangler.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class StickyHashTest {

    /** The definition of a bucket: murmur3 of the UTF-8 bytes of salt, NUL, key. Users must never change sides. */
    private static int reference(String salt, String key) {
        byte[] bytes = (salt + '\u0000' + key).getBytes(StandardCharsets.UTF_8);
        return (int) (Integer.toUnsignedLong(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0)) % StickyHash.BUCKETS);
    }

    @Test
    void shouldPutEveryKeyInTheSameBucketAsTheUtf8Definition() {
        // Given ASCII keys, non-ASCII keys, an empty key and keys longer than the allocation-free scratch buffer
        List<String> keys = new java.util.ArrayList<>(List.of("", "user-1", "user-9999", "10.0.0.7", "zoë", "用户-42",
                "emoji-\uD83D\uDE00", "x".repeat(255), "y".repeat(300)));
        for (int i = 0; i < 2_000; i++) {
            keys.add("user-" + i);
        }
        for (String salt : List.of("bench", "orders", "", "route-ü", "s".repeat(250))) {
            for (String key : keys) {
                // When / Then
                assertThat(StickyHash.bucket(salt, key)).as("salt %s key %s", salt, key)
                        .isEqualTo(reference(salt, key));
            }
        }
    }
}
