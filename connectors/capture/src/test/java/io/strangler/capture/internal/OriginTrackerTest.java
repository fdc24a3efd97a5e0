package io.strangler.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionStatus;
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
