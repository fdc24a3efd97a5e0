package io.strangler.sync;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The seeds of the convergence ITs, as (seed, run number) arguments: {@code -Dsync.it.seeds=<n>} fresh seeds (the
 * {@code convergence} profile sets 50), or only {@code -Dsync.it.seed=<seed>} to replay one.
 */
final class ConvergenceSeeds {

    private ConvergenceSeeds() {
    }

    static Stream<Arguments> of(int defaultCount) {
        Long only = Long.getLong("sync.it.seed");
        if (only != null) {
            return Stream.of(Arguments.of(only, 1));
        }
        // not consecutive numbers: java.util.Random's first draws from seeds n, n+1, ... are nearly all alike (the
        // capture and apply sides of PipelineUnderFaults came out the same for every seed of a run); parities still
        // alternate, as a seed's parity decides whether its run has a rebalance
        SplittableRandom spread = new SplittableRandom(System.nanoTime());
        return IntStream.rangeClosed(1, Integer.getInteger("sync.it.seeds", defaultCount))
                .mapToObj(i -> Arguments.of((spread.nextLong() & ~1L) | (i & 1), i));
    }
}
