package io.strangler.generator.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundaryFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheAnalyzersJsonBoundary() throws IOException {
        Path file = Files.writeString(dir.resolve("b.json"), """
                {"service": "orders", "tables": ["public.orders", "order_items"], "cutEdges": []}""");

        Boundary boundary = BoundaryFiles.read(file, null);

        assertThat(boundary.service()).isEqualTo("orders");
        assertThat(boundary.tables()).containsExactly(new TableRef("public", "orders"), new TableRef(null, "order_items"));
    }

    @Test
    void shouldReadOneTablePerLineWithCommentsAndNameTheServiceAfterTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("catalog.txt"), "# the catalog service\nproducts\n\n  public.categories # tree\n");

        Boundary boundary = BoundaryFiles.read(file, null);

        assertThat(boundary.service()).isEqualTo("catalog");
        assertThat(boundary.tables()).extracting(TableRef::toString).containsExactly("products", "public.categories");
        assertThat(BoundaryFiles.read(file, "shop").service()).isEqualTo("shop");
    }

    @Test
    void shouldRejectBoundariesWithoutTablesOrWithDuplicates() throws IOException {
        Path noTables = Files.writeString(dir.resolve("x.json"), "{\"service\": \"x\"}");
        assertThatThrownBy(() -> BoundaryFiles.read(noTables, null)).hasMessageContaining("\"tables\" array");
        assertThatThrownBy(() -> Boundary.of("x", java.util.List.of())).hasMessageContaining("names no tables");
        assertThatThrownBy(() -> Boundary.of("x", java.util.List.of("a", "a"))).hasMessageContaining("twice");
    }
}
