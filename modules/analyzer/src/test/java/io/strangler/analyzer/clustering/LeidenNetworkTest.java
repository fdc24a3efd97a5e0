package io.strangler.analyzer.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeDoubleArray;
import nl.cwts.util.LargeIntArray;
import org.junit.jupiter.api.Test;

/**
 * Pins down how nl.cwts' Network reads an unsorted edge list, which LeidenClusterer relies on: each undirected edge
 * listed once, the constructor adding the reverse direction; total edge weight counts each edge once.
 */
class LeidenNetworkTest {

    @Test
    void shouldTreatAnUnsortedEdgeListedOnceAsUndirected() {
        // Given a path 0 - 1 - 2 with weights 1 and 2, each edge listed once
        LargeIntArray from = new LargeIntArray(new int[] {0, 1});
        LargeIntArray to = new LargeIntArray(new int[] {1, 2});
        LargeDoubleArray weights = new LargeDoubleArray(new double[] {1.0, 2.0});

        // When
        Network network = new Network(new double[] {1, 3, 2}, new LargeIntArray[] {from, to}, weights, false, true);

        // Then both directions exist, and the total counts each edge once
        assertThat(network.getNEdges()).isEqualTo(2);
        assertThat(network.getNeighbors(1)).containsExactly(0, 2);
        assertThat(network.getNeighbors(2)).containsExactly(1);
        assertThat(network.getEdgeWeights(1)).containsExactly(1.0, 2.0);
        assertThat(network.getTotalEdgeWeight()).isEqualTo(3.0);
        assertThat(network.getTotalEdgeWeight(1)).isEqualTo(3.0);
    }
}
