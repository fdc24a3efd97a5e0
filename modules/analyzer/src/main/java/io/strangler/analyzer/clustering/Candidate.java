package io.strangler.analyzer.clustering;

/** One partition found by the sweep, with the resolution that produced it and its modularity (at resolution 1). */
public record Candidate(double resolution, Partition partition, double modularity) {

    public int services() {
        return partition.services();
    }
}
