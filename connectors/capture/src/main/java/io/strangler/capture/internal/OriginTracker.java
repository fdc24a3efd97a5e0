package io.strangler.capture.internal;

import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Tags each captured change with who wrote it. An apply sink writes its offsets table first in every transaction
 * ({@link ApplyOffsetsTable}), and the log delivers a transaction's changes in order after its BEGIN, so by the first
 * data change capture knows whether the transaction is the sink's. When it cannot know — tracking disabled, a snapshot
 * row, or a transaction whose BEGIN this engine run did not see (it resumed in the middle of one) — the origin stays
 * null and consumers fall back to content-based echo detection: unknown is never reported as LOCAL.
 *
 * <p>A transaction can span engine runs: capture persists the transaction open at each batch boundary
 * ({@link #openTransaction()}, {@link OpenTransaction}) and a new run {@link #resume resumes} it, so the changes after
 * the restart are tagged as the ones before it were.
 *
 * <p>One instance per engine run, fed every converted record in log order; not thread-safe.
 */
public final class OriginTracker {

    private final ApplyOffsetsTable offsetsTable;
    private String openTransaction;
    /** The transaction a previous run had open at its last batch boundary, see {@link #resume}. */
    private String resumedTransaction;
    private boolean openIsApply;
    /** Whether the open transaction's origin is decided: its first change (the marker or a data change) was seen. */
    private boolean openDecided;

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
            if (event.getTransactionId().equals(openTransaction)) {
                // the BEGIN of the transaction this run resumed, sent again: its first changes (the sink's marker
                // among them) are not, so keep what the previous run learnt from them
                return;
            }
            openTransaction = event.getTransactionId();
            openIsApply = false;
            openDecided = false;
        } else if (Objects.equals(openTransaction, event.getTransactionId())) {
            openTransaction = null;
            openIsApply = false;
            openDecided = false;
        }
    }

    /**
     * The transaction open at this point of the log and its origin if decided; empty when none is open or tracking
     * is disabled.
     */
    public Optional<OpenTransaction> openTransaction() {
        if (offsetsTable == null || openTransaction == null) {
            return Optional.empty();
        }
        return Optional.of(new OpenTransaction(openTransaction,
                openDecided ? (openIsApply ? ChangeOrigin.APPLY : ChangeOrigin.LOCAL) : null));
    }

    /**
     * Continues a transaction a previous engine run had open at its last batch boundary: the changes of {@code open}
     * that follow, without a BEGIN, are tagged as its earlier ones were. A BEGIN of any transaction replaces it.
     */
    public void resume(OpenTransaction open) {
        resumedTransaction = open.transactionId();
        openTransaction = open.transactionId();
        openDecided = open.origin() != null;
        openIsApply = open.origin() == ChangeOrigin.APPLY;
    }

    /**
     * Whether {@code transactionId} is the transaction this run {@link #resume resumed}: the log may continue in the
     * middle of it (its BEGIN is sent again, its first changes are not), so this run does not see it whole.
     */
    public boolean isResumed(String transactionId) {
        return transactionId != null && transactionId.equals(resumedTransaction);
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
            openDecided = true;
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
        openDecided = true;
        change.setOrigin(openIsApply ? ChangeOrigin.APPLY : ChangeOrigin.LOCAL);
    }
}
