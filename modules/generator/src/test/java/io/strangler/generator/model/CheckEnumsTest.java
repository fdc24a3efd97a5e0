package io.strangler.generator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.catalog.CheckConstraint;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckEnumsTest {

    @Test
    void shouldReadPostgresAnyArrayForm() {
        CheckConstraint check = new CheckConstraint("c",
                "((kind)::text = ANY ((ARRAY['a'::character varying, 'b''s'::character varying])::text[]))");
        assertThat(CheckEnums.labels(check, "kind")).contains(List.of("a", "b's"));
    }

    @Test
    void shouldReadMariaDbInForm() {
        assertThat(CheckEnums.labels(new CheckConstraint("c", "`channel` in ('web','shop')"), "channel"))
                .contains(List.of("web", "shop"));
    }

    @Test
    void shouldIgnoreChecksThatAreNotASingleColumnList() {
        assertThat(CheckEnums.labels(new CheckConstraint("c", "(price >= 0)"), "price")).isEmpty();
        assertThat(CheckEnums.labels(new CheckConstraint("c", "(kind IN ('a') OR other = 'b')"), "kind")).isEmpty();
        assertThat(CheckEnums.labels(new CheckConstraint("c", "(other IN ('a', 'b'))"), "kind")).isEmpty();
    }
}
