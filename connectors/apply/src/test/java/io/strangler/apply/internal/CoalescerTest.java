package io.strangler.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import io.strangler.schemas.ApplyOperation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    private static final TableInfo TABLE = new TableInfo("public", "t", Map.of("id", ColumnType.of(Engine.POSTGRESQL, "int8"),
            "bal", ColumnType.of(Engine.POSTGRESQL, "int4")), List.of(Set.of("id")));

    private static BoundCommand command(long offset, String row, ApplyOperation op, Map<String, Object> increments) {
        SourceRecord source = new SourceRecord("topic", 0, offset, row, null, null, new IllegalStateException("unused"));
        Map<String, Object> image = op == ApplyOperation.UPSERT ? Map.of("id", 1L) : Map.of();
        RowWrite write = new RowWrite(source, TABLE, op, List.of("id"), Map.of("id", 1L), image,
                op == ApplyOperation.UPSERT && !increments.isEmpty() ? Map.of("bal", 0L) : Map.of(), increments, row);
        return new BoundCommand(write, op.name(), List.of());
    }

    private static BoundCommand rendered(RowWrite write) {
        return new BoundCommand(write, "FOLDED " + write.op() + " " + write.increments(), List.of());
    }

    @Test
    void shouldKeepTheLastCommandPerRowInThePositionOfThatLastCommand() {
        // Given commands for rows a, b, c, a, b: two each for a and b
        List<BoundCommand> batch = List.of(command(0, "a", ApplyOperation.UPSERT, Map.of()),
                command(1, "b", ApplyOperation.UPSERT, Map.of()), command(2, "c", ApplyOperation.UPSERT, Map.of()),
                command(3, "a", ApplyOperation.DELETE, Map.of()), command(4, "b", ApplyOperation.UPSERT, Map.of()));

        // When coalesced
        List<BoundCommand> coalesced = Coalescer.coalesce(batch, CoalescerTest::rendered);

        // Then one command per row remains, the last one itself; a's deletion first, then c (one command), then b
        assertThat(coalesced).containsExactly(batch.get(3), batch.get(2), batch.get(4));
        assertThat(coalesced).extracting(BoundCommand::sql).containsExactly("DELETE", "UPSERT", "UPSERT");
    }

    @Test
    void shouldWriteDeletionsFirstSoARowMovedToANewKeyCanTakeTheUniqueValuesItHeldUnderTheOldOne() {
        // Given a moved row: its new key's upsert read before its old key's deletion (another partition)
        List<BoundCommand> batch = List.of(command(0, "new-key", ApplyOperation.UPSERT, Map.of()),
                command(1, "old-key", ApplyOperation.DELETE, Map.of()));

        // When coalesced
        List<BoundCommand> coalesced = Coalescer.coalesce(batch, CoalescerTest::rendered);

        // Then the deletion runs first, freeing the primary key both rows share
        assertThat(coalesced).containsExactly(batch.get(1), batch.get(0));
    }

    @Test
    void shouldWriteTheRowsWithTheMostCommandsLastSoTheirLocksAreHeldShortest() {
        // Given a batch where row "branch" has four commands, "teller" two and the accounts one each
        List<BoundCommand> batch = List.of(command(0, "branch", ApplyOperation.INCREMENT, Map.of("bal", 1L)),
                command(1, "teller", ApplyOperation.INCREMENT, Map.of("bal", 1L)),
                command(2, "branch", ApplyOperation.INCREMENT, Map.of("bal", 1L)),
                command(3, "account-1", ApplyOperation.UPSERT, Map.of()),
                command(4, "branch", ApplyOperation.INCREMENT, Map.of("bal", 1L)),
                command(5, "teller", ApplyOperation.INCREMENT, Map.of("bal", 1L)),
                command(6, "account-2", ApplyOperation.UPSERT, Map.of()),
                command(7, "branch", ApplyOperation.INCREMENT, Map.of("bal", 1L)));

        // When coalesced
        List<BoundCommand> coalesced = Coalescer.coalesce(batch, CoalescerTest::rendered);

        // Then the accounts come first, in their order, then the teller, then the branch with its four increments
        assertThat(coalesced).extracting(BoundCommand::rowIdentity)
                .containsExactly("account-1", "account-2", "teller", "branch");
        assertThat(coalesced.get(3).sql()).isEqualTo("FOLDED INCREMENT {bal=4}");
    }

    @Test
    void shouldKeepTheHottestTableLastEvenWhereCountsTieInASmallBatch() {
        // Given batches that taught the sink that the branch table's one row gets every command
        TableHeat heat = new TableHeat();
        for (int batch = 0; batch < 20; batch++) {
            heat.observe(List.of(onTable(BRANCHES, 0, "branch"), onTable(BRANCHES, 1, "branch"),
                    onTable(BRANCHES, 2, "branch"), onTable(TABLE, 3, "teller-" + batch)));
        }

        // When a batch of one source transaction comes, the branch's command before the teller's, one command each
        List<BoundCommand> small = List.of(onTable(BRANCHES, 10, "branch"), onTable(TABLE, 11, "teller-1"));
        List<BoundCommand> coalesced = Coalescer.coalesce(small, CoalescerTest::rendered, heat);

        // Then the teller is still written before the branch, as in every other batch
        assertThat(coalesced).extracting(BoundCommand::rowIdentity).containsExactly("teller-1", "branch");
        assertThat(heat.of(BRANCHES.qualifiedName())).isGreaterThan(heat.of(TABLE.qualifiedName()));
    }

    private static final TableInfo BRANCHES = new TableInfo("public", "branches",
            Map.of("id", ColumnType.of(Engine.POSTGRESQL, "int8"), "bal", ColumnType.of(Engine.POSTGRESQL, "int4")),
            List.of(Set.of("id")));

    private static BoundCommand onTable(TableInfo table, long offset, String row) {
        SourceRecord source = new SourceRecord("topic", 0, offset, row, null, null, new IllegalStateException("unused"));
        RowWrite write = new RowWrite(source, table, ApplyOperation.INCREMENT, List.of("id"), Map.of("id", 1L), Map.of(),
                Map.of(), Map.of("bal", 1L), row);
        return new BoundCommand(write, "INCREMENT " + table.table(), List.of());
    }

    @Test
    void shouldFoldIncrementsOfARowIntoOneWriteAtTheLastPositionCarryingTheLastRecord() {
        // Given increments of row a around an upsert of row b
        List<BoundCommand> batch = List.of(command(0, "a", ApplyOperation.INCREMENT, Map.of("bal", 2L)),
                command(1, "b", ApplyOperation.UPSERT, Map.of()), command(2, "a", ApplyOperation.INCREMENT, Map.of("bal", 3L)));

        // When coalesced
        List<BoundCommand> coalesced = Coalescer.coalesce(batch, CoalescerTest::rendered);

        // Then row a is one rendered increment of 5, after b, attributed to the last record of a
        assertThat(coalesced).extracting(BoundCommand::sql).containsExactly("UPSERT", "FOLDED INCREMENT {bal=5}");
        assertThat(coalesced.get(1).source().offset()).isEqualTo(2L);
    }

    @Test
    void shouldKeepWritesWithoutASingleWriteFormSeparateAndInOrder() {
        // Given an upsert that neither sets nor inserts bal, then an increment of bal
        SourceRecord first = new SourceRecord("topic", 0, 0, "a", null, null, new IllegalStateException("unused"));
        RowWrite upsert = new RowWrite(first, TABLE, ApplyOperation.UPSERT, List.of("id"), Map.of("id", 1L),
                Map.of("id", 1L), Map.of(), Map.of(), "a");
        BoundCommand increment = command(1, "a", ApplyOperation.INCREMENT, Map.of("bal", 3L));
        List<BoundCommand> batch = List.of(new BoundCommand(upsert, "UPSERT", List.of()), increment);

        // When coalesced
        List<BoundCommand> coalesced = Coalescer.coalesce(batch, CoalescerTest::rendered);

        // Then both run, the upsert first
        assertThat(coalesced).extracting(BoundCommand::sql).containsExactly("UPSERT", "INCREMENT");
    }

    @Test
    void shouldLetARenderingFailureOfAFoldedWriteThrough() {
        // Given two increments whose sum the renderer refuses (as a sum past a column's range would be)
        List<BoundCommand> batch = List.of(command(0, "a", ApplyOperation.INCREMENT, Map.of("bal", 2L)),
                command(1, "a", ApplyOperation.INCREMENT, Map.of("bal", 3L)));

        // When / Then the batch's fast path fails, for the one-by-one path to judge the separate commands
        assertThatThrownBy(() -> Coalescer.coalesce(batch, write -> {
            throw new ValueConversionException("out of range");
        })).isInstanceOf(ValueConversionException.class);
    }
}
