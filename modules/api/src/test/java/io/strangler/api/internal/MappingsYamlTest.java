package io.strangler.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.Mapping;
import io.strangler.core.mapping.Mappings;
import io.strangler.core.mapping.OneSidedColumn;
import io.strangler.core.mapping.Side;
import io.strangler.core.mapping.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mappings file the API hands the processors reads back as exactly the mappings it was given. */
class MappingsYamlTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryFieldOfAMappingSoThatItReadsBackEqual() throws IOException {
        // Given: one mapping using every field, and one per remaining strategy
        Mapping everything = new Mapping("orders", new TableRef("public", "orders"),
                new TableRef("orders_svc", "purchase_order"), List.of("id"), Map.of("customer_id", "buyer_id"),
                List.of(new OneSidedColumn("legacy_flag", "N"), new OneSidedColumn("yes_no", "no")),
                List.of(new OneSidedColumn("tenant", "acme"), new OneSidedColumn("version", 1L),
                        new OneSidedColumn("active", true), new OneSidedColumn("note", null)),
                List.of("internal_note"), List.of("etag"), Direction.MONOLITH_TO_SERVICE,
                new ConflictStrategy.LastWriteWins(Duration.ofMillis(250), Side.SERVICE), List.of("stock"));
        Mappings mappings = new Mappings(List.of(everything,
                simple("a", new ConflictStrategy.Priority(Side.SERVICE)),
                simple("b", new ConflictStrategy.ColumnMerge(Duration.ofSeconds(1), Side.MONOLITH)),
                simple("c", new ConflictStrategy.Custom("com.example.Resolver", Map.of("column", "version",
                        "threshold", "3")))));

        // When
        Path file = MappingsYaml.write(dir, mappings);

        // Then
        assertThat(Mappings.load(file)).isEqualTo(mappings);
    }

    @Test
    void shouldRoundTripTheProjectsExampleMappingsFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../../topologies/sync/examples"))) {
            List<Path> yaml = files.filter(file -> file.toString().endsWith(".yaml")).toList();
            assertThat(yaml).isNotEmpty();
            for (Path file : yaml) {
                Mappings mappings = Mappings.load(file);
                assertThat(Mappings.parse(file.toString(), MappingsYaml.render(mappings))).as(file.toString())
                        .isEqualTo(mappings);
            }
        }
    }

    private static Mapping simple(String name, ConflictStrategy strategy) {
        TableRef table = new TableRef("public", name);
        return new Mapping(name, table, table, null, null, null, null, null, null, null, strategy);
    }
}
