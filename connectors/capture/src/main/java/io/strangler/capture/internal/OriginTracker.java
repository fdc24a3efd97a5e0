package io.strangler.capture.internal;

import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionStatus;
import java.util.Objects;

/**
 * Tags each captured change with who wrote it. An apply sink writes its offsets table first in every transaction
 * ({@link ApplyOffsetsTable}), and the log delivers a transaction's changes in order after its BEGIN, so by the first
 * data change capture knows whether the transaction is the sink's. When it cannot know — tracking disabled, a snapshot
 * row, or a transaction whose BEGIN this engine run did not see (it resumed in the middle of one) — the origin stays
 * null and consumers fall back to content-based echo detection: unknown is never reported as LOCAL.
 *
 * <p>One instance per engine run, fed every converted record in log order; not thread-safe.
 */
public final class OriginTracker {

    private final ApplyOffsetsTable offsetsTable;
    private String openTransaction;
    private boolean openIsApply;

    /** @param offsetsTable the sink's offsets table, or null when origin tracking is disabled */
    public OriginTracker(ApplyOffsetsTable offsetsTable) {
        this.offsetsTable = offsetsTable;
    }

    /**
     * Follows one converted record in log order: returns it with its origin set, or {@link CapturedRecord#skipped()}
     * for a write to the offsets table.
     */
    public CapturedRecord follow(CapturedRecord captured) {
        if (captured.value() instanceof TransactionEvent event) {
            onTransaction(event);
        } else if (captured.value() instanceof RowChange change) {
            if (absorbMarker(change)) {
                return CapturedRecord.skipped();
            }
            tag(change);
        }
        return captured;
    }

    public void onTransaction(TransactionEvent event) {
        if (event.getStatus() == TransactionStatus.BEGIN) {
            openTransaction = event.getTransactionId();
            openIsApply = false;
        } else if (Objects.equals(openTransaction, event.getTransactionId())) {
            openTransaction = null;
            openIsApply = false;
        }
    }

    /**
     * Whether {@code change} is a write to the apply sink's offsets table: then it marks its transaction as the
     * sink's and is not published itself.
     */
    public boolean absorbMarker(RowChange change) {
        if (offsetsTable == null || !offsetsTable.matches(change.getSchema$(), change.getTable())) {
            return false;
        }
        if (change.getTransactionId() != null && change.getTransactionId().equals(openTransaction)) {
            openIsApply = true;
        }
        return true;
    }

    /** Sets the origin of a data change, when it is known. */
    public void tag(RowChange change) {
        if (offsetsTable == null || change.getOp() == Operation.READ || change.getTransactionId() == null
                || !change.getTransactionId().equals(openTransaction)) {
            change.setOrigin(null);
            return;
        }
        change.setOrigin(openIsApply ? ChangeOrigin.APPLY : ChangeOrigin.LOCAL);
    }
}
