package io.strangler.analyzer;

import io.strangler.analyzer.clustering.Constraints;
import io.strangler.analyzer.graph.EvidenceWeights;
import java.util.Objects;

/**
 * How to analyse.
 * <pre>{@code
 * AnalyzerOptions.defaults().withServices(4)              // the best split into 4 services
 * AnalyzerOptions.defaults().withResolution(1.5)          // Leiden at resolution 1.5, no sweep
 * AnalyzerOptions.defaults().withConstraints(Constraints.NONE.withTogether(Set.of(orders, payments)))
 * }</pre>
 *
 * @param weights      how much each kind of evidence counts
 * @param constraints  pins, apart groups, fixed assignments, size limits
 * @param seed         Leiden's random seed: the same inputs and seed give the same result
 * @param services     the number of services wanted; 0 for the best the evidence supports
 * @param resolution   a fixed Leiden resolution instead of a sweep; null to sweep
 * @param alternatives how many alternatives at other granularities to report (0..2)
 */
public record AnalyzerOptions(EvidenceWeights weights, Constraints constraints, long seed, int services,
        Double resolution, int alternatives) {

    public static final long DEFAULT_SEED = 42L;

    public AnalyzerOptions {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(constraints, "constraints");
        if (services < 0) {
            throw new IllegalArgumentException("services must be 0 (automatic) or positive, was " + services);
        }
        if (resolution != null && !(resolution > 0 && resolution < 1e6)) {
            throw new IllegalArgumentException("resolution must be a positive number, was " + resolution);
        }
        if (services > 0 && resolution != null) {
            throw new IllegalArgumentException("give either a number of services or a resolution, not both");
        }
        if (alternatives < 0 || alternatives > 2) {
            throw new IllegalArgumentException("alternatives must be 0, 1 or 2, was " + alternatives);
        }
    }

    public static AnalyzerOptions defaults() {
        return new AnalyzerOptions(EvidenceWeights.DEFAULT, Constraints.NONE, DEFAULT_SEED, 0, null, 2);
    }

    public AnalyzerOptions withWeights(EvidenceWeights newWeights) {
        return new AnalyzerOptions(newWeights, constraints, seed, services, resolution, alternatives);
    }

    public AnalyzerOptions withConstraints(Constraints newConstraints) {
        return new AnalyzerOptions(weights, newConstraints, seed, services, resolution, alternatives);
    }

    public AnalyzerOptions withSeed(long newSeed) {
        return new AnalyzerOptions(weights, constraints, newSeed, services, resolution, alternatives);
    }

    public AnalyzerOptions withServices(int newServices) {
        return new AnalyzerOptions(weights, constraints, seed, newServices, null, alternatives);
    }

    public AnalyzerOptions withResolution(double newResolution) {
        return new AnalyzerOptions(weights, constraints, seed, 0, newResolution, alternatives);
    }
}
