package io.strangler.analyzer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strangler.analyzer.clustering.Partition;
import io.strangler.analyzer.evidence.ForeignKeyLink;
import io.strangler.analyzer.evidence.ParseStats;
import io.strangler.analyzer.evidence.QueryPattern;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.TransactionPattern;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.analyzer.graph.EvidenceWeights;
import io.strangler.analyzer.graph.GraphBuilder;
import io.strangler.analyzer.graph.TableGraph;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    static final TableName A = new TableName("public", "a");
    static final TableName B = new TableName("public", "b");
    static final TableName C = new TableName("public", "c");
    static final TableName D = new TableName("public", "d");

    @Test
    void shouldScoreIdenticalPartitionsOneAndIndependentOnesAboutZero() {
        assertThat(PartitionAgreement.adjustedRandIndex(List.of(1, 1, 2, 2), List.of("x", "x", "y", "y"))).isEqualTo(1.0);
        assertThat(PartitionAgreement.adjustedRandIndex(List.of(1, 1, 2, 2), List.of("x", "y", "x", "y")))
                .isCloseTo(-0.5, within(1e-9));
        // the textbook example: ARI of {a,a,a,b,b,b} vs {x,x,y,y,z,z} is 0.2424...
        assertThat(PartitionAgreement.adjustedRandIndex(List.of(1, 1, 1, 2, 2, 2), List.of(1, 1, 2, 2, 3, 3)))
                .isCloseTo(0.2424, within(1e-3));
    }

    @Test
    void shouldCountCrossingForeignKeysQueriesAndTransactions() {
        // Given a-b and c-d linked by foreign keys, one key b-c across, queries and transactions on both sides
        SchemaEvidence schema = new SchemaEvidence(List.of(A, B, C, D), List.of(fk(A, B), fk(C, D), fk(B, C)), List.of());
        WorkloadEvidence workload = new WorkloadEvidence(
                List.of(new QueryPattern(List.of(A, B), 30, 0, "q1"), new QueryPattern(List.of(B, C), 10, 0, "q2")),
                List.of(new TransactionPattern(List.of(A, B), 3), new TransactionPattern(List.of(B, C), 1)),
                ParseStats.EMPTY, List.of());
        TableGraph graph = GraphBuilder.build(schema, workload, EvidenceWeights.DEFAULT);
        Partition split = new Partition(new int[] {0, 0, 1, 1});

        // When
        PartitionMetrics m = MetricsCalculator.of(graph, split, schema, workload);

        // Then
        assertThat(m.services()).isEqualTo(2);
        assertThat(m.foreignKeys()).isEqualTo(3);
        assertThat(m.crossServiceForeignKeys()).isEqualTo(1);
        assertThat(m.interPartitionCallPercentage()).isEqualTo(25.0);
        assertThat(m.queriesInsideOneService()).isEqualTo(75.0);
        assertThat(m.nonDistributedTransactions()).isEqualTo(75.0);
        assertThat(m.interfaceNumber()).isEqualTo(1.0); // b and c are reached from the other service
        assertThat(m.nonExtremeDistribution()).isZero(); // two services of two tables
        // SM: cohesion 1/4 each, coupling 1 / (2*2*2) = 1/8
        assertThat(m.structuralModularity()).isCloseTo(0.25 - 0.125, within(1e-9));
        assertThat(m.modularity()).isPositive();
    }

    private static ForeignKeyLink fk(TableName from, TableName to) {
        return new ForeignKeyLink(from, to, from.name() + "_" + to.name() + "_fk", List.of(to.name() + "_id"));
    }
}
