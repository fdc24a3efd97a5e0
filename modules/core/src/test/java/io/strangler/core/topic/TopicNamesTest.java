package io.strangler.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    private final TopicNames names = new TopicNames();

    @Test
    void shouldNameEveryTopicOfTheDesignUnderDefaultPrefix() {
        assertThat(names.cdc("monolith", "public", "orders")).isEqualTo("strangler.cdc.monolith.public.orders");
        assertThat(names.cdcTransactions("monolith")).isEqualTo("strangler.cdc.monolith.transactions");
        assertThat(names.apply("service")).isEqualTo("strangler.apply.service");
        assertThat(names.syncConflicts()).isEqualTo("strangler.sync.conflicts");
        assertThat(names.syncDlq()).isEqualTo("strangler.sync.dlq");
        assertThat(names.dlqReplayed()).isEqualTo("strangler.dlq.replayed");
        assertThat(names.consistencyDiscrepancies()).isEqualTo("strangler.consistency.discrepancies");
        assertThat(names.consistencyStatus()).isEqualTo("strangler.consistency.status");
        assertThat(names.analyzerBoundaries()).isEqualTo("strangler.analyzer.boundaries");
        assertThat(names.validatorReports()).isEqualTo("strangler.validator.reports");
        assertThat(names.generatorApis()).isEqualTo("strangler.generator.apis");
        assertThat(names.routerRoutes()).isEqualTo("strangler.router.routes");
        assertThat(names.routerEvents()).isEqualTo("strangler.router.events");
        assertThat(names.routerStats()).isEqualTo("strangler.router.stats");
    }

    @Test
    void shouldUseConfiguredPrefix() {
        assertThat(new TopicNames("acme.strangler").apply("service")).isEqualTo("acme.strangler.apply.service");
    }

    @Test
    void shouldRejectIllegalPartNamingIt() {
        assertThatThrownBy(() -> names.cdc("monolith", "public", "order lines"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table 'order lines'");
        assertThatThrownBy(() -> names.cdc("mono.lith", "public", "orders"))
                .hasMessageContaining("source 'mono.lith'").hasMessageContaining("no dots");
        assertThatThrownBy(() -> names.apply("")).hasMessageContaining("target part");
        assertThatThrownBy(() -> names.cdc("monolith", null, "orders")).hasMessageContaining("schema part");
    }

    @Test
    void shouldRejectIllegalPrefix() {
        assertThatThrownBy(() -> new TopicNames("strangler.")).hasMessageContaining("prefix 'strangler.'");
        assertThatThrownBy(() -> new TopicNames("a b")).hasMessageContaining("prefix 'a b'");
    }

    @Test
    void shouldRejectNamesLongerThanKafkaAllows() {
        String table = "t".repeat(240);

        assertThatThrownBy(() -> names.cdc("monolith", "public", table))
                .hasMessageContaining("characters long").hasMessageContaining("249");
    }
}
