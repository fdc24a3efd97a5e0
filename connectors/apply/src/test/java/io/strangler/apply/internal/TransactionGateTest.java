package io.strangler.apply.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.RowHash;
import io.strangler.schemas.SourceTransaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gate between the apply topic and the database: a source transaction's commands, spread over partitions and
 * polls, leave it together; everything else leaves as it came, in each partition's order.
 */
class TransactionGateTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long NOW = 1_000_000_000L;

    private final TransactionGate gate = new TransactionGate(WAIT);
    private long offset;

    @Test
    void shouldReleaseCommandsOutsideTransactionsAtOnceInPollOrder() {
        gate.add(record(0, null), NOW);
        gate.add(record(1, null), NOW);
        gate.add(record(0, null), NOW);

        assertThat(offsets(gate.release(NOW))).containsExactly("0@0", "1@1", "0@2");
        assertThat(gate.size()).isZero();
    }

    @Test
    void shouldHoldATransactionUntilItsCommandFromAnotherPartitionArrives() {
        gate.add(record(0, tx("A", 2, 1, 1)), NOW);
        gate.add(record(1, null), NOW);

        // Then: the unrelated partition goes on, the transaction's first command waits
        assertThat(offsets(gate.release(NOW))).containsExactly("1@1");
        assertThat(gate.releasable(NOW)).isFalse();

        // When: its second command arrives, in the other partition
        gate.add(record(1, tx("A", 2, 2, 1)), NOW);

        TransactionGate.Release release = gate.release(NOW);
        assertThat(offsets(release)).containsExactly("0@0", "1@2");
        assertThat(release.wholeTransactions()).isEqualTo(1);
        assertThat(release.partialTransactions()).isEmpty();
    }

    @Test
    void shouldKeepEachPartitionsOrderBehindAHeldTransaction() {
        gate.add(record(0, tx("A", 2, 1, 1)), NOW);
        gate.add(record(0, null), NOW); // a later command in the same partition: it must not overtake

        assertThat(gate.releasable(NOW)).isFalse();
        gate.add(record(1, tx("A", 2, 2, 1)), NOW);
        assertThat(offsets(gate.release(NOW))).containsExactly("0@0", "0@1", "1@2");
    }

    @Test
    void shouldHoldAWholeTransactionWhoseRecordsLieBehindAnIncompleteOne() {
        // B is whole, but its partition-0 command lies behind A's, which waits: releasing B's partition-1 command
        // alone would split B
        gate.add(record(0, tx("A", 2, 1, 1)), NOW);
        gate.add(record(0, tx("B", 2, 1, 1)), NOW);
        gate.add(record(1, tx("B", 2, 2, 1)), NOW);

        assertThat(gate.releasable(NOW)).isFalse();

        gate.add(record(1, tx("A", 2, 2, 1)), NOW);
        TransactionGate.Release release = gate.release(NOW);
        assertThat(offsets(release)).containsExactly("0@0", "0@1", "1@2", "1@3");
        assertThat(release.wholeTransactions()).isEqualTo(2);
    }

    @Test
    void shouldCountAMarkAsTheCommandOfItsChangeAndWaitForEveryPartOfAChange() {
        // a key move: change 1 yields a DELETE and an UPSERT (2 parts); change 2 needed no write (a MARK)
        gate.add(record(0, tx("A", 2, 1, 2)), NOW);
        gate.add(mark(1, tx("A", 2, 2, 1)), NOW);
        assertThat(gate.releasable(NOW)).isFalse();

        gate.add(record(1, tx("A", 2, 1, 2)), NOW);
        assertThat(offsets(gate.release(NOW))).containsExactly("0@0", "1@1", "1@2");
    }

    @Test
    void shouldReleaseATransactionPartialAfterTheWaitAndNotHoldItsLateCommandsAgain() {
        gate.add(record(0, tx("A", 3, 1, 1)), NOW);
        gate.add(record(1, tx("A", 3, 2, 1)), NOW);
        assertThat(gate.release(NOW + WAIT.toNanos() - 1).records()).isEmpty();

        TransactionGate.Release late = gate.release(NOW + WAIT.toNanos());
        assertThat(offsets(late)).containsExactly("0@0", "1@1");
        assertThat(late.partialTransactions()).containsExactly("A (changes 1, 2 of 3)");
        assertThat(late.wholeTransactions()).isZero();

        // its third command, dead-lettered by the sync and replayed much later, goes straight through
        gate.add(record(1, tx("A", 3, 3, 1)), NOW + WAIT.toNanos() * 10);
        TransactionGate.Release replayed = gate.release(NOW + WAIT.toNanos() * 10);
        assertThat(offsets(replayed)).containsExactly("1@2");
        assertThat(replayed.partialTransactions()).isEmpty();
    }

    @Test
    void shouldForgetTheRecordsOfPartitionsTakenAwayAndCountTheRestAgain() {
        gate.add(record(0, tx("A", 2, 1, 1)), NOW);
        gate.add(record(1, tx("A", 2, 2, 1)), NOW);
        gate.add(record(2, null), NOW);

        gate.forget(List.of(1), NOW);

        // A lost its partition-1 command (it will be polled again from the stored offsets): it waits again
        assertThat(gate.size()).isEqualTo(2);
        assertThat(offsets(gate.release(NOW))).containsExactly("2@2");
        assertThat(gate.holds(0)).isTrue();
        assertThat(gate.holds(1)).isFalse();
    }

    @Test
    void shouldWriteEveryBatchAsItComesWhenTheWaitIsZero() {
        TransactionGate noWait = new TransactionGate(Duration.ZERO);
        noWait.add(record(0, tx("A", 2, 1, 1)), NOW);

        TransactionGate.Release release = noWait.release(NOW);
        assertThat(offsets(release)).containsExactly("0@0");
        assertThat(release.partialTransactions()).containsExactly("A (changes 1 of 2)");
    }

    private SourceRecord record(int partition, SourceTransaction tx) {
        return record(partition, tx, ApplyOperation.UPSERT);
    }

    private SourceRecord mark(int partition, SourceTransaction tx) {
        return record(partition, tx, ApplyOperation.MARK);
    }

    private SourceRecord record(int partition, SourceTransaction tx, ApplyOperation op) {
        ApplyCommand command = ApplyCommand.newBuilder().setMapping("accounts").setTarget("service")
                .setSchema$("public").setTable("account").setOp(op).setKey(Map.of("id", offset))
                .setRow(op == ApplyOperation.UPSERT ? Map.of("id", offset) : null)
                .setRowHash(new RowHash(new byte[16])).setOriginSide("monolith").setOriginCommitMicros(1L)
                .setReason(ApplyReason.SYNC).setTransaction(tx).build();
        return new SourceRecord("strangler.apply.service", partition, offset++, "k", new byte[0], command, null);
    }

    private static SourceTransaction tx(String id, long size, long order, int parts) {
        return new SourceTransaction(id, size, order, parts);
    }

    private static List<String> offsets(TransactionGate.Release release) {
        return release.records().stream().map(r -> r.partition() + "@" + r.offset()).toList();
    }
}
