package io.strangler.generator.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void shouldSplitWordsAtSeparatorsAndCamelHumps() {
        assertThat(Identifiers.words("Order Details")).containsExactly("order", "details");
        assertThat(Identifiers.words("customer-id")).containsExactly("customer", "id");
        assertThat(Identifiers.words("unitPriceEUR")).containsExactly("unit", "price", "eur");
        assertThat(Identifiers.words("__x__")).containsExactly("x");
    }

    @Test
    void shouldDropAccentsAndEncodeLettersWithoutAsciiBase() {
        assertThat(Identifiers.camel("größe", "c")).isEqualTo("grosse");
        assertThat(Identifiers.pascal("Ünïcode", "T")).isEqualTo("Unicode");
        assertThat(Identifiers.camel("客户", "c")).isEqualTo("u5ba2U6237");
        assertThat(Identifiers.kebab("客户", "t")).isEqualTo("u5ba2-u6237");
    }

    @Test
    void shouldMakeValidJavaIdentifiersFromLeadingDigitsAndEmptyNames() {
        assertThat(Identifiers.pascal("123 numbers", "Table")).isEqualTo("T123Numbers");
        assertThat(Identifiers.camel("1st", "column1")).isEqualTo("n1st");
        assertThat(Identifiers.camel("!!!", "column4")).isEqualTo("column4");
        assertThat(Identifiers.kebab("Order Details", "t")).isEqualTo("order-details");
    }

    @Test
    void shouldNumberCollisionsIgnoringCaseAndDerivedNames() {
        NameAllocator names = new NameAllocator(Set.of("String"), List.of("Create"));

        assertThat(names.allocate("Orders")).isEqualTo("Orders");
        assertThat(names.allocate("ORDERS")).isEqualTo("ORDERS2");
        assertThat(names.allocate("OrdersCreate")).isEqualTo("OrdersCreate2");
        assertThat(names.allocate("string")).isEqualTo("string2");
        assertThat(names.allocate("T1")).isEqualTo("T1");
        assertThat(names.allocate("T1")).isEqualTo("T1_2");
    }
}
