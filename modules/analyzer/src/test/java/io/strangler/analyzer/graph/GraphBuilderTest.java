package io.strangler.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strangler.analyzer.evidence.ForeignKeyLink;
import io.strangler.analyzer.evidence.ParseStats;
import io.strangler.analyzer.evidence.QueryPattern;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {

    static final TableName ORDERS = new TableName("public", "orders");
    static final TableName ITEMS = new TableName("public", "order_items");
    static final TableName PRODUCTS = new TableName("public", "products");
    static final TableName CATEGORIES = new TableName("public", "categories");

    @Test
    void shouldScaleEachKindToTheForeignKeysTotalAndExplainEdgesByKind() {
        SchemaEvidence schema = new SchemaEvidence(List.of(ORDERS, ITEMS, PRODUCTS, CATEGORIES),
                List.of(new ForeignKeyLink(ITEMS, ORDERS, "fk1", List.of("order_id")),
                        new ForeignKeyLink(ITEMS, PRODUCTS, "fk2", List.of("product_id"))), List.of());
        WorkloadEvidence workload = new WorkloadEvidence(
                List.of(new QueryPattern(List.of(ORDERS, ITEMS), 1_000_000, 0, "q"),
                        new QueryPattern(List.of(PRODUCTS, CATEGORIES), 10, 0, "q2")),
                List.of(), ParseStats.EMPTY, List.of());

        TableGraph graph = GraphBuilder.build(schema, workload, EvidenceWeights.DEFAULT.only(EvidenceKind.FOREIGN_KEY,
                EvidenceKind.QUERY));

        double queryTotal = graph.edges().stream().mapToDouble(e -> e.weight(EvidenceKind.QUERY)).sum();
        assertThat(queryTotal).isCloseTo(2.0, within(1e-9)); // = number of foreign keys
        Edge ordersItems = graph.edges().stream().filter(e -> e.a().equals(ITEMS) && e.b().equals(ORDERS)).findFirst()
                .orElseThrow();
        assertThat(ordersItems.weight(EvidenceKind.FOREIGN_KEY)).isEqualTo(1.0);
        assertThat(ordersItems.strongestKind()).isEqualTo(EvidenceKind.QUERY);
        // a million calls outweigh ten, but dampened: the rare query still draws its own edge
        Edge productsCategories = graph.edges().stream().filter(e -> e.a().equals(CATEGORIES)).findFirst().orElseThrow();
        assertThat(productsCategories.weight(EvidenceKind.QUERY)).isGreaterThan(0.2);
    }

    @Test
    void shouldRelateTablesWhoseNamesShareAStem() {
        assertThat(GraphBuilder.stem("order_items")).isEqualTo("order");
        assertThat(GraphBuilder.stem("orders")).isEqualTo("order");
        assertThat(GraphBuilder.stem("categories")).isEqualTo("category");
        assertThat(GraphBuilder.stem("addresses")).isEqualTo("address");
        assertThat(GraphBuilder.stem("status")).isEqualTo("statu"); // crude, and only ever a weak signal
    }
}
