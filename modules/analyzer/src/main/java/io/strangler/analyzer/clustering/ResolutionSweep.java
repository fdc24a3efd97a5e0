package io.strangler.analyzer.clustering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.strangler.analyzer.graph.TableGraph;

/**
 * Runs the clusterer over a range of resolutions and keeps, for each number of services found, the partition with
 * the highest modularity. That answers both "what split does the evidence support best" (the maximum) and "what is
 * the best split into N services" (the entry for N, searched for between neighbouring resolutions if the sweep
 * skipped it).
 */
public final class ResolutionSweep {

    /** Geometric steps from {@value #MIN_RESOLUTION} to {@value #MAX_RESOLUTION}. */
    static final double MIN_RESOLUTION = 0.1;
    static final double MAX_RESOLUTION = 8.0;
    static final int STEPS = 28;
    static final int BISECTIONS = 12;

    private final TableGraph graph;
    private final LeidenClusterer clusterer;
    private final Map<Integer, Candidate> bestBySize = new LinkedHashMap<>();
    private final List<Candidate> all = new ArrayList<>();

    public ResolutionSweep(TableGraph graph, LeidenClusterer clusterer) {
        this.graph = graph;
        this.clusterer = clusterer;
    }

    /** Sweeps the default range; returns the candidates by number of services. */
    public Map<Integer, Candidate> run() {
        double factor = Math.pow(MAX_RESOLUTION / MIN_RESOLUTION, 1.0 / (STEPS - 1));
        double r = MIN_RESOLUTION;
        for (int i = 0; i < STEPS; i++) {
            at(r);
            r *= factor;
        }
        return Map.copyOf(bestBySize);
    }

    /** The partition at exactly this resolution (also remembered for the sweep's results). */
    public Candidate at(double resolution) {
        Partition partition = clusterer.cluster(resolution);
        Candidate candidate = new Candidate(resolution, partition, Modularity.of(graph, partition));
        all.add(candidate);
        bestBySize.merge(candidate.services(), candidate,
                (a, b) -> b.modularity() > a.modularity() + 1e-12 ? b : a);
        return candidate;
    }

    /** The highest-modularity candidate seen. */
    public Candidate best() {
        return bestBySize.values().stream().max(Comparator.comparingDouble(Candidate::modularity)
                .thenComparing(c -> -c.resolution())).orElseThrow();
    }

    /** The best candidate with exactly {@code services} services, searching between resolutions if needed. */
    public Optional<Candidate> withServices(int services) {
        if (!bestBySize.containsKey(services)) {
            double below = all.stream().filter(c -> c.services() < services).mapToDouble(Candidate::resolution).max()
                    .orElse(MIN_RESOLUTION / 10);
            double above = all.stream().filter(c -> c.services() > services).mapToDouble(Candidate::resolution).min()
                    .orElse(MAX_RESOLUTION * 10);
            for (int i = 0; i < BISECTIONS && !bestBySize.containsKey(services) && above > below; i++) {
                double middle = Math.sqrt(below * above);
                Candidate c = at(middle);
                if (c.services() < services) {
                    below = middle;
                } else if (c.services() > services) {
                    above = middle;
                }
            }
        }
        return Optional.ofNullable(bestBySize.get(services));
    }

    /** The best candidates with fewer and with more services than {@code chosen}, closest first; for alternatives. */
    public List<Candidate> alternatives(Candidate chosen, int count) {
        List<Candidate> coarser = bestBySize.values().stream().filter(c -> c.services() < chosen.services())
                .sorted(Comparator.comparingInt(Candidate::services).reversed()).toList();
        List<Candidate> finer = bestBySize.values().stream().filter(c -> c.services() > chosen.services())
                .sorted(Comparator.comparingInt(Candidate::services)).toList();
        List<Candidate> picked = new ArrayList<>();
        // one coarser and one finer when both exist: alternatives at different granularity, not near-duplicates
        for (int i = 0; picked.size() < count && (i < coarser.size() || i < finer.size()); i++) {
            if (i < coarser.size() && coarser.get(i).services() > 1) { // one service is the monolith, not an alternative
                picked.add(coarser.get(i));
            }
            if (picked.size() < count && i < finer.size()) {
                picked.add(finer.get(i));
            }
        }
        return picked.stream().sorted(Comparator.comparingInt(Candidate::services)).toList();
    }
}
