package io.strangler.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strangler.analyzer.Analyzer;
import io.strangler.analyzer.AnalyzerOptions;
import io.strangler.analyzer.event.BoundaryRecommendationEvents;
import io.strangler.analyzer.evidence.ForeignKeyLink;
import io.strangler.analyzer.evidence.ParseStats;
import io.strangler.analyzer.evidence.QueryPattern;
import io.strangler.analyzer.evidence.SchemaEvidence;
import io.strangler.analyzer.evidence.TableName;
import io.strangler.analyzer.evidence.TransactionPattern;
import io.strangler.analyzer.evidence.WorkloadEvidence;
import io.strangler.core.mapping.Mappings;
import io.strangler.schemas.BoundaryRecommendation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {

    static TableName t(String name) {
        return new TableName("public", name);
    }

    static ForeignKeyLink fk(String from, String to) {
        return new ForeignKeyLink(t(from), t(to), from + "_" + to + "_fkey", List.of(to + "_id"));
    }

    /** orders with items and payments, products with images, one key and one query across. */
    static AnalysisResult result() {
        SchemaEvidence schema = new SchemaEvidence(
                List.of(t("orders"), t("order_items"), t("payments"), t("products"), t("product_images")),
                List.of(fk("order_items", "orders"), fk("payments", "orders"), fk("product_images", "products"),
                        fk("order_items", "products")), List.of());
        WorkloadEvidence workload = new WorkloadEvidence(
                List.of(new QueryPattern(List.of(t("orders"), t("order_items")), 500, 0, "SELECT ..."),
                        new QueryPattern(List.of(t("products"), t("product_images")), 900, 0, "SELECT ..."),
                        new QueryPattern(List.of(t("order_items"), t("products")), 20, 0, "SELECT * FROM order_items i"
                                + " JOIN products p ON p.id = i.product_id WHERE i.order_id = ?")),
                List.of(new TransactionPattern(List.of(t("orders"), t("order_items"), t("payments")), 100)),
                ParseStats.EMPTY, List.of());
        return new Analyzer(AnalyzerOptions.defaults()).analyze(schema, workload, "shop");
    }

    @Test
    void shouldWriteTheBoundaryFileInTheGeneratorsContract() throws Exception {
        AnalysisResult result = result();
        ServiceBoundary orders = result.recommended().services().stream()
                .filter(s -> s.tables().contains(t("orders"))).findFirst().orElseThrow();

        JsonNode file = new ObjectMapper().readTree(BoundaryFile.render(orders));

        assertThat(result.recommended().services()).hasSize(2);
        assertThat(BoundaryFile.fileName(orders)).isEqualTo("orders.boundary.json");
        assertThat(file.fieldNames()).toIterable().containsExactly("service", "tables");
        assertThat(file.get("service").asText()).isEqualTo("orders");
        assertThat(file.get("tables")).extracting(JsonNode::asText)
                .containsExactly("public.order_items", "public.orders", "public.payments");
    }

    @Test
    void shouldWriteAMappingsFileTheSyncParses() {
        ServiceBoundary products = result().recommended().service("products").orElseThrow();

        Mappings mappings = Mappings.parse("products-mappings.yaml", MappingsFile.render(products, "run-1"));

        assertThat(mappings.mappings()).extracting(m -> m.name()).containsExactly("product_images", "products");
    }

    @Test
    void shouldDrawServicesAsClustersAndHighlightCutEdges() {
        Decomposition d = result().recommended();

        String mermaid = Diagrams.mermaid(d);
        String dot = Diagrams.dot(d);

        assertThat(mermaid).startsWith("flowchart LR\n").contains("subgraph svc0[\"orders (3 tables)\"]")
                .contains("public_order_items -.- public_products").contains("linkStyle ")
                .contains("stroke:#d62728");
        assertThat(dot).contains("subgraph cluster_0").contains("label=\"orders\"")
                .containsPattern("\"public.order_items\" -- \"public.products\" \\[penwidth=[0-9.]+, color=\"#d62728\", style=dashed\\]");
    }

    @Test
    void shouldExplainEachBoundaryInTheMarkdownReport() {
        String md = MarkdownReport.render(result());

        assertThat(md).contains("## Recommended: 2 services").contains("```mermaid")
                .contains("Why together (strongest edges):")
                .contains("`order_items_products_fkey`: order_items (products_id) → products, with products")
                .contains("Queries that become remote calls (20 calls):")
                .contains("## Decompositions compared");
    }

    @Test
    void shouldCarryTheRecommendationInTheEvent() {
        AnalysisResult result = result();

        BoundaryRecommendation event = BoundaryRecommendationEvents.toEvent(result);

        assertThat(event.getRunId()).isEqualTo(result.runId());
        assertThat(event.getRecommended().getServices()).extracting(s -> s.getName()).containsExactly("orders", "products");
        assertThat(event.getRecommended().getServices().get(0).getTables())
                .containsExactly("public.order_items", "public.orders", "public.payments");
        assertThat(event.getRecommended().getServices().get(0).getRemoteQueryCalls()).isEqualTo(20);
        assertThat(event.getRecommended().getMetrics().getCrossServiceForeignKeys()).isEqualTo(1);
    }
}
