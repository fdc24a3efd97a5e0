package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.SourceTransaction;
import io.strangler.schemas.TransactionPosition;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/**
 * The application's multi-row transactions reach the apply sink tagged, so that it can write each one whole: every
 * change of such a transaction yields exactly one tagged command (or a {@code MARK} when it needs no write) for the
 * other side, and nothing else is tagged.
 */
class SyncTransactionTest {

    private static final ConflictStrategy PRIORITY = new ConflictStrategy.Priority(MONOLITH);
    private static final String CUSTOMER = "public.customer";

    @Test
    void shouldTagEveryCommandOfAnApplicationTransactionWithItsSizeAndOrder() {
        try (SyncFixture sync = new SyncFixture(PRIORITY)) {
            sync.pipe(MONOLITH, local(sync.change(MONOLITH, CREATE, 1, SyncFixture.monolithRow(1, "Ada", "a@x"), 1_000),
                    "tx-7", 1, Map.of(CUSTOMER, 2L)));
            sync.pipe(MONOLITH, local(sync.change(MONOLITH, CREATE, 2, SyncFixture.monolithRow(2, "Bob", "b@x"), 1_000),
                    "tx-7", 2, Map.of(CUSTOMER, 2L)));

            assertThat(sync.applies(SERVICE)).extracting(kv -> kv.value.getOp() + " " + describe(kv.value))
                    .containsExactly("UPSERT tx-7 1/2 x1", "UPSERT tx-7 2/2 x1");
        }
    }

    @Test
    void shouldSendAMarkForAChangeOfTheTransactionThatNeedsNoWriteOnTheOtherSide() {
        try (SyncFixture sync = new SyncFixture(PRIORITY)) {
            sync.write(MONOLITH, CREATE, 1, "Ada", "a@x", 1_000);
            sync.echo(sync.onlyApply(SERVICE), CREATE, 2_000);

            // When: one transaction creates customer 2 and changes only a monolith-only column of customer 1
            sync.pipe(MONOLITH, local(sync.change(MONOLITH, CREATE, 2, SyncFixture.monolithRow(2, "Bob", "b@x"), 3_000),
                    "tx-8", 1, Map.of(CUSTOMER, 2L)));
            var unchanged = SyncFixture.monolithRow(1, "Ada", "a@x");
            var legacyOnly = SyncFixture.monolithRow(1, "Ada", "a@x");
            legacyOnly.put("legacy_code", "changed");
            sync.pipe(MONOLITH, local(sync.change(MONOLITH, UPDATE, 1, unchanged, legacyOnly, 3_000), "tx-8", 2,
                    Map.of(CUSTOMER, 2L)));

            // Then: the service gets the insert and a MARK standing for the no-op, both of transaction tx-8
            List<KeyValue<String, ApplyCommand>> applies = sync.applies(SERVICE);
            assertThat(applies).extracting(kv -> kv.value.getOp() + " " + describe(kv.value))
                    .containsExactly("UPSERT tx-8 1/2 x1", "MARK tx-8 2/2 x1");
            assertThat(applies.get(1).value.getKey()).isEqualTo(Map.of("id", 1L));
            assertThat(sync.metric("transaction-marks-total", Map.of())).isEqualTo(1.0);
        }
    }

    @Test
    void shouldCountOnlyTheChangesOfTablesTheSyncReads() {
        try (SyncFixture sync = new SyncFixture(PRIORITY)) {
            // a transaction of 2 customer changes and 5 rows of a table no mapping reads (captured for someone else)
            sync.pipe(MONOLITH, local(sync.change(MONOLITH, CREATE, 1, SyncFixture.monolithRow(1, "Ada", "a@x"), 1_000),
                    "tx-9", 3, Map.of(CUSTOMER, 2L, "public.audit_log", 5L)));

            assertThat(describe(sync.onlyApply(SERVICE))).isEqualTo("tx-9 3/2 x1");
        }
    }

    @Test
    void shouldLeaveAOneChangeTransactionAnEchoAndAnUnpositionedChangeUntagged() {
        try (SyncFixture sync = new SyncFixture(PRIORITY, Direction.BOTH, SyncSettings.defaults())) {
            sync.pipe(MONOLITH, local(sync.change(MONOLITH, CREATE, 1, SyncFixture.monolithRow(1, "Ada", "a@x"), 1_000),
                    "tx-1", 1, Map.of(CUSTOMER, 1L)));
            RowChange unpositioned = sync.change(MONOLITH, CREATE, 2, SyncFixture.monolithRow(2, "Bob", "b@x"), 1_000);
            unpositioned.setOrigin(ChangeOrigin.LOCAL);
            unpositioned.setTransactionId("tx-2");
            sync.pipe(MONOLITH, unpositioned);
            RowChange unknownOrigin = local(sync.change(MONOLITH, CREATE, 3, SyncFixture.monolithRow(3, "Cy", "c@x"),
                    1_000), "tx-3", 1, Map.of(CUSTOMER, 2L));
            unknownOrigin.setOrigin(null);
            sync.pipe(MONOLITH, unknownOrigin);

            assertThat(sync.applies(SERVICE)).hasSize(3)
                    .allSatisfy(kv -> assertThat(kv.value.getTransaction()).isNull());
        }
    }

    @Test
    void shouldLeaveAReplayedDeadLetterUntaggedSinceTheRestOfItsTransactionWentThroughLongAgo() {
        try (SyncFixture sync = new SyncFixture(PRIORITY)) {
            // the second change of transaction tx-4, sent again by `strangler dlq replay`
            sync.pipeReplayed(MONOLITH, local(sync.change(MONOLITH, CREATE, 2, SyncFixture.monolithRow(2, "Bob", "b@x"),
                    1_000), "tx-4", 2, Map.of(CUSTOMER, 2L)));

            assertThat(sync.onlyApply(SERVICE).getTransaction()).isNull();
        }
    }

    @Test
    void shouldTagBothCommandsOfAKeyMoveWithTwoPartsEvenInAOneChangeTransaction() {
        try (SyncFixture sync = new SyncFixture(SyncKeyMoveTest.emailKeyedCustomers(), SyncSettings.defaults(),
                SyncTopology.Stores.IN_MEMORY)) {
            sync.pipe(MONOLITH, sync.change(MONOLITH, CREATE, 1, SyncFixture.monolithRow(1, "Ada", "ada@old"), 1_000));
            sync.applies(SERVICE);

            sync.pipe(MONOLITH, local(sync.change(MONOLITH, UPDATE, 1, SyncFixture.monolithRow(1, "Ada", "ada@old"),
                    SyncFixture.monolithRow(1, "Ada", "ada@new"), 3_000), "tx-5", 1, Map.of(CUSTOMER, 1L)));

            // one transaction of one change, which the sink must still apply whole: delete and insert together
            assertThat(sync.applies(SERVICE)).extracting(kv -> kv.value.getOp() + " " + describe(kv.value))
                    .containsExactly("DELETE tx-5 1/1 x2", "UPSERT tx-5 1/1 x2");
        }
    }

    /** The change as the application's ({@code LOCAL}), at {@code order} of a whole transaction capture saw. */
    private static RowChange local(RowChange change, String transaction, long order, Map<String, Long> tableSizes) {
        change.setOrigin(ChangeOrigin.LOCAL);
        change.setTransactionId(transaction);
        long size = tableSizes.values().stream().mapToLong(Long::longValue).sum();
        change.setTransaction(new TransactionPosition(size, order, Map.copyOf(tableSizes)));
        return change;
    }

    /** "id order/size xparts" of a command's transaction, "-" when it has none. */
    private static String describe(ApplyCommand command) {
        SourceTransaction tx = command.getTransaction();
        return tx == null ? "-" : tx.getId() + " " + tx.getOrder() + "/" + tx.getSize() + " x" + tx.getParts();
    }
}
