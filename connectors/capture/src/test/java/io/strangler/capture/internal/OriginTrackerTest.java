package io.strangler.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginTrackerTest {

    private final OriginTracker tracker = new OriginTracker(ApplyOffsetsTable.of("strangler_apply_offsets"));

    @Test
    void shouldTagEveryChangeOfATransactionThatBeganWithTheOffsetsWriteAsApply() {
        tracker.follow(transaction("7", TransactionStatus.BEGIN));

        CapturedRecord marker = tracker.follow(change("strangler_apply_offsets", "7", Operation.UPDATE));
        RowChange first = rowChange("customer", "7", Operation.UPDATE);
        RowChange second = rowChange("customer", "7", Operation.DELETE);
        tracker.follow(record(first));
        tracker.follow(record(second));

        assertThat(marker.isSkipped()).as("the offsets row is not published").isTrue();
        assertThat(first.getOrigin()).isEqualTo(ChangeOrigin.APPLY);
        assertThat(second.getOrigin()).isEqualTo(ChangeOrigin.APPLY);
    }

    @Test
    void shouldTagChangesOfOtherTransactionsAsLocalAndForgetTheApplyMarkAtTheNextBegin() {
        tracker.follow(transaction("7", TransactionStatus.BEGIN));
        tracker.follow(change("strangler_apply_offsets", "7", Operation.UPDATE));
        tracker.follow(transaction("7", TransactionStatus.END));
        tracker.follow(transaction("8", TransactionStatus.BEGIN));

        RowChange local = rowChange("customer", "8", Operation.CREATE);
        tracker.follow(record(local));

        assertThat(local.getOrigin()).isEqualTo(ChangeOrigin.LOCAL);
    }

    @Test
    void shouldLeaveTheOriginUnknownWhenTheBeginWasNotSeenForSnapshotRowsAndWhenDisabled() {
        RowChange resumedMidTransaction = rowChange("customer", "9", Operation.UPDATE);
        tracker.follow(record(resumedMidTransaction));
        RowChange snapshot = rowChange("customer", null, Operation.READ);
        tracker.follow(record(snapshot));
        OriginTracker disabled = new OriginTracker(null);
        disabled.follow(transaction("10", TransactionStatus.BEGIN));
        RowChange untracked = rowChange("customer", "10", Operation.UPDATE);
        CapturedRecord offsetsRow = disabled.follow(change("strangler_apply_offsets", "10", Operation.UPDATE));
        disabled.follow(record(untracked));

        assertThat(resumedMidTransaction.getOrigin()).isNull();
        assertThat(snapshot.getOrigin()).isNull();
        assertThat(untracked.getOrigin()).isNull();
        assertThat(offsetsRow.isSkipped()).as("published as any table when tracking is off").isFalse();
    }

    @Test
    void shouldReportTheOpenTransactionWithItsOriginOnceItsFirstChangeDecidedIt() {
        assertThat(tracker.openTransaction()).isEmpty();
        tracker.follow(transaction("7", TransactionStatus.BEGIN));
        assertThat(tracker.openTransaction()).contains(new OpenTransaction("7", null));

        tracker.follow(change("strangler_apply_offsets", "7", Operation.UPDATE));
        assertThat(tracker.openTransaction()).contains(new OpenTransaction("7", ChangeOrigin.APPLY));

        tracker.follow(transaction("7", TransactionStatus.END));
        tracker.follow(transaction("8", TransactionStatus.BEGIN));
        tracker.follow(change("customer", "8", Operation.CREATE));
        assertThat(tracker.openTransaction()).contains(new OpenTransaction("8", ChangeOrigin.LOCAL));

        tracker.follow(transaction("8", TransactionStatus.END));
        assertThat(tracker.openTransaction()).isEmpty();
        assertThat(new OriginTracker(null).openTransaction()).as("tracking disabled").isEmpty();
    }

    @Test
    void shouldKeepTaggingAResumedTransactionWhoseBeginThisRunDidNotSee() {
        // Given a run that resumes in the middle of transaction 7, which the previous run had seen begin as the sink's
        OriginTracker resumed = new OriginTracker(ApplyOffsetsTable.of("strangler_apply_offsets"));
        resumed.resume(new OpenTransaction("7", ChangeOrigin.APPLY));

        // When its BEGIN is sent again (PostgreSQL's connector does), the rest of transaction 7 arrives (its first
        // changes, the sink's marker among them, are not sent again), then the next transaction
        resumed.follow(transaction("7", TransactionStatus.BEGIN));
        RowChange rest = rowChange("customer", "7", Operation.DELETE);
        resumed.follow(record(rest));
        resumed.follow(transaction("7", TransactionStatus.END));
        resumed.follow(transaction("8", TransactionStatus.BEGIN));
        RowChange next = rowChange("customer", "8", Operation.CREATE);
        resumed.follow(record(next));

        // Then
        assertThat(rest.getOrigin()).isEqualTo(ChangeOrigin.APPLY);
        assertThat(next.getOrigin()).isEqualTo(ChangeOrigin.LOCAL);
    }

    @Test
    void shouldDecideAResumedTransactionThatHadOnlyBegunByItsFirstChange() {
        OriginTracker sinkTransaction = new OriginTracker(ApplyOffsetsTable.of("strangler_apply_offsets"));
        sinkTransaction.resume(new OpenTransaction("7", null));
        CapturedRecord marker = sinkTransaction.follow(change("strangler_apply_offsets", "7", Operation.UPDATE));
        RowChange applied = rowChange("customer", "7", Operation.UPDATE);
        sinkTransaction.follow(record(applied));

        OriginTracker userTransaction = new OriginTracker(ApplyOffsetsTable.of("strangler_apply_offsets"));
        userTransaction.resume(new OpenTransaction("9", null));
        RowChange local = rowChange("customer", "9", Operation.UPDATE);
        userTransaction.follow(record(local));
        RowChange otherTransaction = rowChange("customer", "10", Operation.UPDATE);
        userTransaction.follow(record(otherTransaction));

        assertThat(marker.isSkipped()).isTrue();
        assertThat(applied.getOrigin()).isEqualTo(ChangeOrigin.APPLY);
        assertThat(local.getOrigin()).isEqualTo(ChangeOrigin.LOCAL);
        assertThat(otherTransaction.getOrigin()).as("a transaction neither seen begin nor resumed").isNull();
    }

    @Test
    void shouldEncodeAnOpenTransactionAsTextAndReadItBack() {
        for (OpenTransaction open : List.of(new OpenTransaction("7", null),
                new OpenTransaction("558:24033848", ChangeOrigin.APPLY), new OpenTransaction("a b", ChangeOrigin.LOCAL))) {
            assertThat(OpenTransaction.decode(open.encode())).isEqualTo(open);
        }
        assertThat(new String(new OpenTransaction("7", ChangeOrigin.APPLY).encode(), StandardCharsets.UTF_8))
                .isEqualTo("APPLY 7");
        assertThatThrownBy(() -> OpenTransaction.decode("MAYBE 7".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'MAYBE 7'");
    }

    private static CapturedRecord transaction(String id, TransactionStatus status) {
        TransactionEvent event = TransactionEvent.newBuilder().setSource("monolith").setTransactionId(id)
                .setStatus(status).setEventCount(null).setTableEventCounts(Map.of()).setSourceCommitMicros(1L)
                .setCaptureMicros(2L).build();
        return new CapturedRecord("tx", id, event, CapturedRecord.Kind.TRANSACTION);
    }

    private static CapturedRecord change(String table, String transactionId, Operation op) {
        return record(rowChange(table, transactionId, op));
    }

    private static CapturedRecord record(RowChange change) {
        return new CapturedRecord("cdc", "{\"id\":1}", change, CapturedRecord.Kind.ROW_CHANGE);
    }

    private static RowChange rowChange(String table, String transactionId, Operation op) {
        return RowChange.newBuilder().setSource("monolith").setSchema$("public").setTable(table).setOp(op)
                .setKey(Map.of("id", 1L)).setBefore(null).setAfter(op == Operation.DELETE ? null : Map.of("id", 1L))
                .setSourceCommitMicros(1L).setSourcePosition("0/1").setTransactionId(transactionId)
                .setCaptureMicros(2L).build();
    }
}
