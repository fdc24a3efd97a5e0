package io.strangler.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchApplierTest {

    private static final TableInfo TABLE = new TableInfo("public", "t", Map.of("id", ColumnType.of(Engine.POSTGRESQL, "int8")),
            List.of(java.util.Set.of("id")));

    private static BoundCommand command(long offset, String row, String sql) {
        SourceRecord source = new SourceRecord("topic", 0, offset, row, null, null, new IllegalStateException("unused"));
        return new BoundCommand(source, TABLE, sql, List.of(), row);
    }

    @Test
    void shouldKeepTheLastCommandPerRowInThePositionOfThatLastCommand() {
        // Given commands for rows a, b, a, c, b
        List<BoundCommand> batch = List.of(command(0, "a", "UPSERT"), command(1, "b", "UPSERT"), command(2, "a", "DELETE"),
                command(3, "c", "UPSERT"), command(4, "b", "UPSERT"));

        // When coalesced
        List<BoundCommand> coalesced = BatchApplier.coalesce(batch);

        // Then one command per row remains, the last one, in offset order
        assertThat(coalesced).extracting(c -> c.source().offset()).containsExactly(2L, 3L, 4L);
        assertThat(coalesced).extracting(BoundCommand::sql).containsExactly("DELETE", "UPSERT", "UPSERT");
    }
}
