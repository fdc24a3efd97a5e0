package io.strangler.analyzer.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.graph.Edge;
import io.strangler.analyzer.graph.EvidenceKind;
import io.strangler.analyzer.graph.TableGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeidenClustererTest {

    /** Two triangles a1-a2-a3 and b1-b2-b3 joined by one weak edge a3-b1. */
    static final List<TableName> TABLES = List.of(t("a1"), t("a2"), t("a3"), t("b1"), t("b2"), t("b3"));

    static TableName t(String name) {
        return new TableName("public", name);
    }

    static Edge edge(String a, String b, double weight) {
        return new Edge(t(a), t(b), weight, Map.of(EvidenceKind.FOREIGN_KEY, weight));
    }

    static TableGraph twoTriangles() {
        List<Edge> edges = new ArrayList<>(List.of(edge("a1", "a2", 3), edge("a1", "a3", 3), edge("a2", "a3", 3),
                edge("b1", "b2", 3), edge("b1", "b3", 3), edge("b2", "b3", 3), edge("a3", "b1", 0.5)));
        return new TableGraph(TABLES, edges);
    }

    static boolean together(TableGraph graph, Partition p, String a, String b) {
        return p.serviceOf(graph.indexOf(t(a))) == p.serviceOf(graph.indexOf(t(b)));
    }

    @Test
    void shouldFindTheTwoCommunities() {
        TableGraph graph = twoTriangles();

        Partition p = new LeidenClusterer(graph, Constraints.NONE, 42).cluster(1.0);

        assertThat(p.services()).isEqualTo(2);
        assertThat(together(graph, p, "a1", "a3")).isTrue();
        assertThat(together(graph, p, "b1", "b3")).isTrue();
        assertThat(together(graph, p, "a3", "b1")).isFalse();
        assertThat(Modularity.of(graph, p)).isGreaterThan(0.4);
    }

    @Test
    void shouldGiveTheSamePartitionForTheSameSeed() {
        TableGraph graph = twoTriangles();

        assertThat(new LeidenClusterer(graph, Constraints.NONE, 7).cluster(1.3))
                .isEqualTo(new LeidenClusterer(graph, Constraints.NONE, 7).cluster(1.3));
    }

    @Test
    void shouldKeepPinnedTablesTogetherAcrossCommunities() {
        TableGraph graph = twoTriangles();
        Constraints pin = Constraints.NONE.withTogether(Set.of(t("a1"), t("b3")));

        Partition p = new LeidenClusterer(graph, pin, 42).cluster(1.0);

        assertThat(together(graph, p, "a1", "b3")).isTrue();
    }

    @Test
    void shouldKeepApartTablesInDifferentServices() {
        TableGraph graph = twoTriangles();
        Constraints apart = Constraints.NONE.withApart(Set.of(t("a1"), t("a2")));

        Partition p = new LeidenClusterer(graph, apart, 42).cluster(1.0);

        assertThat(together(graph, p, "a1", "a2")).isFalse();
    }

    @Test
    void shouldHonourFixedAssignmentsAsPinsAndSeparations() {
        TableGraph graph = twoTriangles();
        Constraints fixed = Constraints.NONE.withFixed(t("a1"), "x").withFixed(t("a2"), "y").withFixed(t("b2"), "x");

        Partition p = new LeidenClusterer(graph, fixed, 42).cluster(1.0);

        assertThat(together(graph, p, "a1", "b2")).isTrue();
        assertThat(together(graph, p, "a1", "a2")).isFalse();
    }

    @Test
    void shouldSplitServicesAboveTheMaximumAndMergeThoseBelowTheMinimum() {
        TableGraph graph = twoTriangles();

        Partition atMostTwo = new LeidenClusterer(graph, Constraints.NONE.withSizeLimits(1, 2), 42).cluster(1.0);
        Partition atLeastFour = new LeidenClusterer(graph, Constraints.NONE.withSizeLimits(4, 0), 42).cluster(1.0);

        assertThat(atMostTwo.members()).allSatisfy(m -> assertThat(m).hasSizeLessThanOrEqualTo(2));
        assertThat(atLeastFour.services()).isEqualTo(1);
    }

    @Test
    void shouldRejectConstraintsThatContradictEachOther() {
        TableGraph graph = twoTriangles();
        Constraints contradiction = Constraints.NONE.withTogether(Set.of(t("a1"), t("a2")))
                .withApart(Set.of(t("a1"), t("a2")));

        assertThatThrownBy(() -> new LeidenClusterer(graph, contradiction, 42))
                .hasMessageContaining("contradict");
    }

    @Test
    void shouldFindAPartitionWithTheRequestedNumberOfServices() {
        // a weaker second triangle, so that it falls apart before the first one as the resolution rises
        TableGraph graph = new TableGraph(TABLES, List.of(edge("a1", "a2", 3), edge("a1", "a3", 3), edge("a2", "a3", 3),
                edge("b1", "b2", 1), edge("b1", "b3", 1.2), edge("b2", "b3", 1.4), edge("a3", "b1", 0.3)));
        ResolutionSweep sweep = new ResolutionSweep(graph, new LeidenClusterer(graph, Constraints.NONE, 42));
        sweep.run();

        assertThat(sweep.best().services()).isEqualTo(2);
        assertThat(sweep.withServices(3)).hasValueSatisfying(c -> assertThat(c.services()).isEqualTo(3));
        assertThat(sweep.alternatives(sweep.best(), 2)).extracting(Candidate::services).doesNotContain(1, 2);
    }
}
