package io.strangler.core.row.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonNormalizerTest {

    @Test
    void shouldSortKeysRecursivelyAndCompact() {
        assertThat(JsonNormalizer.normalize("{ \"b\" : {\"z\":1, \"a\":2}, \"a\": [ {\"d\":1,\"c\":2} ] }"))
                .isEqualTo("{\"a\":[{\"c\":2,\"d\":1}],\"b\":{\"a\":2,\"z\":1}}");
    }

    @Test
    void shouldWriteNumbersTheSameWhateverTheirSpelling() {
        assertThat(JsonNormalizer.normalize("[1, 1.0, 1e0, 10E-1, 100, 1e2, -0, 0.000, 12345678901234567890123]"))
                .isEqualTo("[1,1,1,1,100,100,0,0,12345678901234567890123]");
        assertThat(JsonNormalizer.normalize("0.1")).isEqualTo("0.1");
    }

    @Test
    void shouldKeepTheLastOfRepeatedKeysLikeJsonb() {
        assertThat(JsonNormalizer.normalize("{\"a\":1,\"a\":2}")).isEqualTo("{\"a\":2}");
    }

    @Test
    void shouldRejectInvalidJson() {
        assertThatThrownBy(() -> JsonNormalizer.normalize("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonNormalizer.normalize("{} {}")).isInstanceOf(IllegalArgumentException.class);
    }
}
