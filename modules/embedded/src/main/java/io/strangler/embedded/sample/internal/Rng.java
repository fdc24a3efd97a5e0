package io.strangler.embedded.sample.internal;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Randomness that depends only on (seed, stream, id): any row can be regenerated on its own, in any order,
 * on any thread, and gives the same values.
 */
public final class Rng {

    private final SplittableRandom random;

    private Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The random source for one row of one logical stream (a table, or a part of one). */
    public static Rng of(long seed, int stream, long id) {
        return new Rng(mix(mix(seed ^ (0x9E3779B97F4A7C15L * (stream + 1))) ^ id));
    }

    /** A free-running source for workloads. */
    public static Rng of(long seed) {
        return new Rng(mix(seed));
    }

    // SplitMix64 finaliser: spreads neighbouring seeds/ids far apart.
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [from, to] inclusive. */
    public int between(int from, int to) {
        return random.nextInt(from, to + 1);
    }

    /** Uniform in [from, to] inclusive. */
    public long between(long from, long to) {
        return random.nextLong(from, to + 1);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public long nextLong() {
        return random.nextLong();
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    public byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
