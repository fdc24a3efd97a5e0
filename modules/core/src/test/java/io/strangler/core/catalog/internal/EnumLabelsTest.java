package io.strangler.core.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnumLabelsTest {

    @Test
    void shouldParseQuotedLabelsWithEscapedQuotesAndCommas() {
        assertThat(EnumLabels.parse("enum('new','it''s','a,b','')")).containsExactly("new", "it's", "a,b", "");
        assertThat(EnumLabels.parse("varchar(10)")).isEmpty();
    }
}
