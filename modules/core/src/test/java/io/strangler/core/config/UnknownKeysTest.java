package io.strangler.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {

    private static final Set<String> KNOWN = Set.of("strangler.validator.parallelism", "strangler.validator.mode",
            "bootstrap.servers");

    @Test
    void shouldFlagAMisspelledKeyOfTheProcessorsNamespaceAndSuggestTheNearestKnownOne() {
        Map<String, String> file = Map.of("strangler.validator.paralelism", "4", "strangler.validator.mode", "merge",
                "monolith.capture.slot.name", "other section", "streams.num.standby.replicas", "1");

        Set<String> unknown = UnknownKeys.warn("ValidatorConfig", KNOWN, file, List.of("strangler.validator."),
                List.of("streams."));

        assertThat(unknown).containsExactly("strangler.validator.paralelism");
        assertThat(UnknownKeys.nearest("strangler.validator.paralelism", KNOWN))
                .contains("strangler.validator.parallelism");
        assertThat(UnknownKeys.nearest("strangler.validator.something.else", KNOWN)).isEmpty();
    }

    @Test
    void shouldTakeNamespacesFromTheProcessorsOwnKeys() {
        assertThat(UnknownKeys.namespaces(List.of("strangler.apply.batch.size", "sync.partitions", "sync.commit.interval.ms",
                "monolith.database.url"))).containsExactly("monolith.database.", "strangler.apply.", "sync.",
                "sync.commit.");
    }
}
