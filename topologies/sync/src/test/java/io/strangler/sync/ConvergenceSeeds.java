package io.strangler.sync;

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
        long base = System.nanoTime();
        return IntStream.rangeClosed(1, Integer.getInteger("sync.it.seeds", defaultCount))
                .mapToObj(i -> Arguments.of(base + i, i));
    }
}
