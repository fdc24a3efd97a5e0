package io.strangler.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class DlqFormatTest {

    @Test
    void shouldPrintOneTextLinePerLetterWithTimeInUtcAndDashesForWhatIsUnknown() {
        assertThat(DlqFormat.TEXT.line(DlqEntries.apply(4, "public.orders"))).isEqualTo("0:4  2026-12-07T09:30:00.123456Z"
                + "  apply  service  public.orders  {\"id\":1}  42P01  relation \"orders\" does not exist");
        assertThat(DlqFormat.TEXT.line(DlqEntries.capture(5))).contains("  capture  monolith  public.orders  {\"id\":2}  -  ");
    }

    @Test
    void shouldPrintJsonLinesWithoutThePayloadItself() throws Exception {
        JsonNode node = new ObjectMapper().readTree(DlqFormat.JSON.line(DlqEntries.apply(4, "public.orders")));

        assertThat(node.path("offset").asLong()).isEqualTo(4);
        assertThat(node.path("failedAt").asText()).isEqualTo("2026-12-07T09:30:00.123456Z");
        assertThat(node.path("sqlState").asText()).isEqualTo("42P01");
        assertThat(node.path("payloadBytes").asInt()).isEqualTo(6);
        assertThat(node.has("payload")).isFalse();
    }

    @Test
    void shouldSummariseCountsPerComponentAndTable() {
        assertThat(DlqFormat.summary(List.of(DlqEntries.apply(1, "public.orders"), DlqEntries.apply(2, "public.items"),
                DlqEntries.capture(3)))).isEqualTo("3 dead letters; by component: apply=2, capture=1;"
                        + " by table: public.items=1, public.orders=2");
        assertThat(DlqFormat.summary(List.of())).isEqualTo("0 dead letters");
    }
}
