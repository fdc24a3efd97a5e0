package io.strangler.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.row.ColumnType;
import io.strangler.core.row.Engine;
import io.strangler.schemas.ApplyOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every folding rule, and the property that matters: running the folded writes leaves the row exactly as running the
 * original commands one by one, whether the row existed before the batch or not.
 */
class RowWriteFoldTest {

    private static final TableInfo ACCOUNTS = new TableInfo("public", "accounts", columns(), List.of(Set.of("id")));
    private static final RowModel MODEL = new RowModel(Set.of("bal", "amt"));
    private static final Map<String, Object> ABSENT = null;
    private static final Map<String, Object> PRESENT = row("id", 1L, "name", "old", "tag", "x", "bal", 1_000L, "amt", "7.50");
    private static final Map<String, Object> PRESENT_WITH_NULL_COUNTERS = row("id", 1L, "name", "old", "tag", "x",
            "bal", null, "amt", null);

    private long offset;

    private static Map<String, ColumnType> columns() {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        columns.put("id", ColumnType.of(Engine.POSTGRESQL, "int8"));
        columns.put("name", ColumnType.of(Engine.POSTGRESQL, "text"));
        columns.put("tag", ColumnType.of(Engine.POSTGRESQL, "text"));
        columns.put("bal", ColumnType.of(Engine.POSTGRESQL, "int8"));
        columns.put("amt", ColumnType.of(Engine.POSTGRESQL, "numeric", 12, 2));
        return columns;
    }

    /** A map allowing null values, in the order given. */
    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private RowWrite write(ApplyOperation op, Map<String, Object> image, Map<String, Object> insertOnly,
                           Map<String, Object> increments) {
        SourceRecord source = new SourceRecord("apply", 0, offset++, "k", null, null, new IllegalStateException("unused"));
        Map<String, Object> full = new LinkedHashMap<>(image);
        if (op == ApplyOperation.UPSERT) {
            full.put("id", 1L);
        }
        return new RowWrite(source, ACCOUNTS, op, List.of("id"), Map.of("id", 1L), full, insertOnly, increments, "accounts|1");
    }

    private RowWrite upsert(Map<String, Object> image, Map<String, Object> insertOnly, Map<String, Object> increments) {
        return write(ApplyOperation.UPSERT, image, insertOnly, increments);
    }

    private RowWrite increment(Map<String, Object> increments) {
        return write(ApplyOperation.INCREMENT, Map.of(), Map.of(), increments);
    }

    private RowWrite delete() {
        return write(ApplyOperation.DELETE, Map.of(), Map.of(), Map.of());
    }

    /** The writes the coalescer runs for one row's commands. */
    private static List<RowWrite> coalesced(List<RowWrite> writes) {
        List<BoundCommand> bound = writes.stream().map(w -> new BoundCommand(w, w.op().name(), List.of())).toList();
        return Coalescer.coalesce(bound, w -> new BoundCommand(w, "folded", List.of())).stream()
                .map(BoundCommand::write).toList();
    }

    private static void assertSameEndState(List<RowWrite> originals) {
        List<RowWrite> folded = coalesced(originals);
        for (Map<String, Object> before : java.util.Arrays.asList(ABSENT, PRESENT, PRESENT_WITH_NULL_COUNTERS)) {
            assertThat(MODEL.run(before, folded))
                    .as("row %s before %s folded to %s", before, originals, folded)
                    .isEqualTo(MODEL.run(before, originals));
        }
    }

    private static RowWrite only(Optional<RowWrite> folded) {
        assertThat(folded).isPresent();
        return folded.orElseThrow();
    }

    @Test
    void shouldTurnAnythingFollowedByADeleteIntoThatDelete() {
        for (RowWrite first : List.of(upsert(row("name", "a"), row("bal", 1L), row("bal", 1L)), increment(row("bal", 2L)),
                delete())) {
            RowWrite delete = delete();
            assertThat(RowWriteFold.then(first, delete)).containsSame(delete);
            assertSameEndState(List.of(first, delete));
        }
    }

    @Test
    void shouldRecreateARowDeletedThenUpsertedWithEveryColumnAbsolute() {
        RowWrite delete = delete();
        RowWrite upsert = upsert(row("name", "n"), row("tag", "d", "bal", 10L, "amt", "1.00"), row("bal", 10L, "amt", "1.00"));

        RowWrite folded = only(RowWriteFold.then(delete, upsert));

        assertThat(folded.op()).isEqualTo(ApplyOperation.UPSERT);
        assertThat(folded.row()).isEqualTo(row("name", "n", "id", 1L, "tag", "d", "bal", 10L, "amt", "1.00"));
        assertThat(folded.insertOnly()).isEmpty();
        assertThat(folded.increments()).isEmpty();
        assertSameEndState(List.of(delete, upsert));
    }

    @Test
    void shouldNotFoldADeleteIntoAnUpsertThatLeavesColumnsOut() {
        // the one-by-one run gives the left-out columns their defaults; an upsert of the existing row would keep them
        RowWrite delete = delete();
        RowWrite upsert = upsert(row("name", "n"), row("bal", 10L), row("bal", 10L));

        assertThat(RowWriteFold.then(delete, upsert)).isEmpty();
        assertThat(coalesced(List.of(delete, upsert))).containsExactly(delete, upsert);
        assertSameEndState(List.of(delete, upsert));
    }

    @Test
    void shouldAddTheIncrementsOfAnUpsertToTheCountersAnAbsoluteUpsertBeforeItSet() {
        // a bootstrap image with the counters, then a synced change adding to them
        RowWrite bootstrap = upsert(row("name", "a", "tag", "t", "bal", 100L, "amt", "5.00"), Map.of(), Map.of());
        RowWrite change = upsert(row("name", "b"), row("tag", "d", "bal", 103L, "amt", "5.50"), row("bal", 3L, "amt", "0.50"));

        RowWrite folded = only(RowWriteFold.then(bootstrap, change));

        assertThat(folded.row()).isEqualTo(row("name", "b", "tag", "t", "bal", 103L, "amt", "5.50", "id", 1L));
        assertThat(folded.insertOnly()).isEmpty();
        assertThat(folded.increments()).isEmpty();
        assertSameEndState(List.of(bootstrap, change));
    }

    @Test
    void shouldSumTheIncrementsAndTheNewRowValuesOfTwoCountingUpserts() {
        RowWrite first = upsert(row("name", "a"), row("tag", "d", "bal", 100L, "amt", "1.00"), row("bal", 100L, "amt", "1.00"));
        RowWrite second = upsert(row("name", "b"), row("tag", "e", "bal", 105L), row("bal", 5L));

        RowWrite folded = only(RowWriteFold.then(first, second));

        assertThat(folded.row()).isEqualTo(row("id", 1L, "name", "b"));
        assertThat(folded.insertOnly()).isEqualTo(row("tag", "d", "bal", 105L, "amt", "1.00"));
        assertThat(folded.increments()).isEqualTo(row("bal", 105L, "amt", "1.00"));
        assertSameEndState(List.of(first, second));
    }

    @Test
    void shouldKeepADeleteWhenAnIncrementFollowsIt() {
        RowWrite delete = delete();
        RowWrite increment = increment(row("bal", 4L));

        RowWrite folded = only(RowWriteFold.then(delete, increment));

        assertThat(folded.op()).isEqualTo(ApplyOperation.DELETE);
        assertThat(folded.source()).isSameAs(increment.source());
        assertSameEndState(List.of(delete, increment));
    }

    @Test
    void shouldAddAnIncrementToTheUpsertBeforeIt() {
        RowWrite upsert = upsert(row("name", "a"), row("bal", 100L, "amt", "1.00"), row("bal", 100L, "amt", "1.00"));
        RowWrite increment = increment(row("bal", -30L));

        RowWrite folded = only(RowWriteFold.then(upsert, increment));

        assertThat(folded.op()).isEqualTo(ApplyOperation.UPSERT);
        assertThat(folded.row()).isEqualTo(row("id", 1L, "name", "a"));
        assertThat(folded.insertOnly()).isEqualTo(row("bal", 70L, "amt", "1.00"));
        assertThat(folded.increments()).isEqualTo(row("bal", 70L, "amt", "1.00"));
        assertSameEndState(List.of(upsert, increment));
    }

    @Test
    void shouldSumTwoIncrements() {
        RowWrite first = increment(row("bal", 2L, "amt", "0.25"));
        RowWrite second = increment(row("bal", 3L));

        RowWrite folded = only(RowWriteFold.then(first, second));

        assertThat(folded.op()).isEqualTo(ApplyOperation.INCREMENT);
        assertThat(folded.increments()).isEqualTo(row("bal", 5L, "amt", "0.25"));
        assertSameEndState(List.of(first, second));
    }

    @Test
    void shouldCarryAnIncrementIntoTheUpsertAfterIt() {
        RowWrite increment = increment(row("bal", 2L, "amt", "0.25"));
        RowWrite upsert = upsert(row("name", "b", "amt", "9.00"), row("bal", 50L), row("bal", 1L));

        RowWrite folded = only(RowWriteFold.then(increment, upsert));

        assertThat(folded.row()).isEqualTo(row("name", "b", "amt", "9.00", "id", 1L));
        assertThat(folded.insertOnly()).isEqualTo(row("bal", 50L));
        assertThat(folded.increments()).as("the image's amt wins over the earlier increment").isEqualTo(row("bal", 3L));
        assertSameEndState(List.of(increment, upsert));
    }

    @Test
    void shouldKeepTheLaterOfTwoUpsertsWithoutCountersAsItIs() {
        RowWrite first = upsert(row("name", "a", "bal", 1L), row("tag", "d"), Map.of());
        RowWrite second = upsert(row("name", "b", "bal", 2L), row("tag", "d"), Map.of());

        assertThat(RowWriteFold.then(first, second)).containsSame(second);
        assertSameEndState(List.of(first, second));
    }

    @Test
    void shouldKeepAnAbsoluteCounterOfAnUpsertWithoutCountersWhenTheLaterImageLeavesItOut() {
        // last-write-wins would drop the bootstrap's balance on a row the target already has
        RowWrite bootstrap = upsert(row("name", "a", "bal", 100L), row("tag", "d"), Map.of());
        RowWrite rename = upsert(row("name", "b"), row("tag", "d", "bal", 100L), Map.of());

        RowWrite folded = only(RowWriteFold.then(bootstrap, rename));

        assertThat(folded.row()).isEqualTo(row("name", "b", "bal", 100L, "id", 1L));
        assertThat(folded.insertOnly()).isEqualTo(row("tag", "d"));
        assertSameEndState(List.of(bootstrap, rename));
    }

    @Test
    void shouldNotFoldAnIncrementOfAColumnTheUpsertBeforeNeitherSetsNorInserts() {
        RowWrite upsert = upsert(row("name", "a"), row("tag", "d"), Map.of());
        RowWrite increment = increment(row("bal", 1L));

        assertThat(RowWriteFold.then(upsert, increment)).isEmpty();
        assertThat(coalesced(List.of(upsert, increment))).containsExactly(upsert, increment);
        assertSameEndState(List.of(upsert, increment));
    }

    @Test
    void shouldCarryTheLastRecordOnAFoldedWrite() {
        RowWrite first = increment(row("bal", 1L));
        RowWrite second = increment(row("bal", 1L));
        RowWrite third = upsert(row("name", "z"), row("bal", 9L), row("bal", 1L));

        List<RowWrite> folded = coalesced(List.of(first, second, third));

        assertThat(folded).hasSize(1);
        assertThat(folded.get(0).source()).isSameAs(third.source());
        assertThat(folded.get(0).increments()).isEqualTo(row("bal", 3L));
    }

    @Test
    void shouldEndInTheSameRowAsTheCommandsOneByOneForWhatTheSyncSends() {
        // commands as the sync derives them from a source row: counters carry their delta and their current value
        for (int seed = 0; seed < 3_000; seed++) {
            assertSameEndState(syncLike(new Random(seed)));
        }
    }

    @Test
    void shouldEndInTheSameRowAsTheCommandsOneByOneForArbitraryCommands() {
        // any kind at any time, with unrelated values, partial images and increments without a new-row value
        for (int seed = 0; seed < 3_000; seed++) {
            assertSameEndState(arbitrary(new Random(seed)));
        }
    }

    private List<RowWrite> syncLike(Random random) {
        List<RowWrite> out = new ArrayList<>();
        boolean exists = random.nextBoolean();
        long bal = random.nextInt(1_000);
        long cents = random.nextInt(10_000);
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(exists ? 5 : 2);
            String name = "n" + random.nextInt(5);
            if (!exists) {
                bal = random.nextInt(1_000);
                cents = random.nextInt(10_000);
                exists = true;
                out.add(kind == 0
                        ? upsert(row("name", name), row("tag", "d", "bal", bal, "amt", decimal(cents)),
                                row("bal", bal, "amt", decimal(cents)))
                        : upsert(row("name", name, "bal", bal, "amt", decimal(cents)), row("tag", "d"), Map.of()));
                continue;
            }
            long dBal = random.nextBoolean() ? random.nextInt(200) - 100 : 0;
            long dCents = random.nextBoolean() ? random.nextInt(200) - 100 : 0;
            Map<String, Object> deltas = new HashMap<>();
            if (dBal != 0) {
                deltas.put("bal", dBal);
            }
            if (dCents != 0) {
                deltas.put("amt", decimal(dCents));
            }
            bal += dBal;
            cents += dCents;
            switch (kind) {
                case 0 -> out.add(upsert(row("name", name), row("tag", "d", "bal", bal, "amt", decimal(cents)), deltas));
                case 1 -> out.add(upsert(row("name", name, "bal", bal, "amt", decimal(cents)), row("tag", "d"), Map.of()));
                case 2 -> out.add(deltas.isEmpty() ? upsert(row("name", name), row("tag", "d", "bal", bal, "amt",
                        decimal(cents)), Map.of()) : increment(deltas));
                case 3 -> out.add(upsert(row("name", name), row("tag", "d", "bal", bal, "amt", decimal(cents)), Map.of()));
                default -> {
                    out.add(delete());
                    exists = false;
                }
            }
        }
        return out;
    }

    private List<RowWrite> arbitrary(Random random) {
        List<RowWrite> out = new ArrayList<>();
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            String name = "n" + random.nextInt(5);
            long bal = random.nextInt(100);
            String amt = decimal(random.nextInt(1_000) - 500);
            switch (random.nextInt(8)) {
                case 0 -> out.add(upsert(row("name", name), row("tag", "t" + random.nextInt(2), "bal", bal, "amt", amt),
                        row("bal", (long) random.nextInt(9), "amt", decimal(random.nextInt(9)))));
                case 1 -> out.add(upsert(row("name", name), row("tag", "t", "bal", bal), row("bal", 1L)));
                case 2 -> out.add(upsert(row("name", name), row("tag", "t"), row("bal", 2L)));
                case 3 -> out.add(upsert(row("name", name, "bal", bal, "amt", amt, "tag", "t"), Map.of(), Map.of()));
                case 4 -> out.add(upsert(row("name", name), row("tag", "t" + random.nextInt(2), "bal", bal), Map.of()));
                case 5 -> out.add(increment(random.nextBoolean() ? row("bal", (long) random.nextInt(9) - 4)
                        : row("amt", decimal(random.nextInt(9)), "bal", 1L)));
                case 6 -> out.add(upsert(row("name", name), Map.of(), Map.of()));
                default -> out.add(delete());
            }
        }
        return out;
    }

    private static String decimal(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
