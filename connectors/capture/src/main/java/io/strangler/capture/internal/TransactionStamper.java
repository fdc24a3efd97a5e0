package io.strangler.capture.internal;

import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionPosition;
import io.strangler.schemas.TransactionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/**
 * Says where each published change sits in its source transaction ({@link RowChange#getTransaction()}), and which
 * tail of a batch must wait for the next one so that a transaction is published whole.
 *
 * <p>A transaction whose BEGIN and END are both in the records given is stamped: each of its row changes gets the
 * transaction's size, its order (1 to size, in log order) and the size per {@code schema.table}. A transaction still
 * open at the end (BEGIN given, END not yet) is held: {@link Plan#publishCount()} stops before its BEGIN and the caller
 * gives those records again, with the next batch's after them. A transaction is published unstamped, whole, when it
 * has more than {@code maxChanges} changes ({@link Unstamped#TOO_LARGE}) or when this engine run resumed in the middle
 * of it ({@link Unstamped#RESUMED}: the connector sends its BEGIN again, not its first changes). Snapshot rows and
 * changes outside any BEGIN/END pair are unstamped too.
 *
 * <p>Pure: no state between calls, no I/O.
 */
public final class TransactionStamper {

    /** Why a transaction was published without positions; the tag of the metric that counts them. */
    public enum Unstamped {
        TOO_LARGE("too-large"), RESUMED("resumed-mid-transaction");

        private final String tag;

        Unstamped(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /**
     * @param publishCount how many of the given records to publish now; the rest, if any, are the held transaction's
     * @param unstamped    one entry per transaction decided unstamped in the published part
     */
    public record Plan(int publishCount, List<Unstamped> unstamped) {
        public Plan {
            unstamped = List.copyOf(unstamped);
        }
    }

    private final int maxChanges;
    private final Predicate<String> resumed;

    /**
     * @param maxChanges the most changes a stamped transaction may have (and so the most a batch holds back)
     * @param resumed    whether a transaction id is the one this engine run resumed in the middle of
     */
    public TransactionStamper(int maxChanges, Predicate<String> resumed) {
        if (maxChanges < 0) {
            throw new IllegalArgumentException("maxChanges must not be negative: " + maxChanges);
        }
        this.maxChanges = maxChanges;
        this.resumed = Objects.requireNonNull(resumed, "resumed");
    }

    /**
     * Stamps the row changes of every whole transaction among {@code records} and plans what to publish.
     *
     * @param records what the batch publishes, in log order, held records first: a {@link TransactionEvent}, a
     *                {@link RowChange}, or null for a record that is not published as either (a dead letter, a
     *                heartbeat, the apply sink's offsets row)
     */
    public Plan plan(List<? extends SpecificRecord> records) {
        List<Unstamped> unstamped = new ArrayList<>();
        String open = null;
        int openBegin = -1;
        List<RowChange> members = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SpecificRecord record = records.get(i);
            if (record instanceof TransactionEvent event && event.getStatus() == TransactionStatus.BEGIN) {
                // a BEGIN while another is open (not seen in a sane log) leaves the earlier one unstamped
                open = null;
                members.clear();
                if (resumed.test(event.getTransactionId())) {
                    unstamped.add(Unstamped.RESUMED);
                } else {
                    open = event.getTransactionId();
                    openBegin = i;
                }
            } else if (record instanceof TransactionEvent event) {
                if (event.getTransactionId().equals(open)) {
                    if (members.size() > maxChanges) {
                        unstamped.add(Unstamped.TOO_LARGE);
                    } else {
                        stamp(members);
                    }
                    open = null;
                    members.clear();
                }
            } else if (record instanceof RowChange change && open != null && open.equals(change.getTransactionId())) {
                members.add(change);
            }
        }
        if (open == null) {
            return new Plan(records.size(), unstamped);
        }
        if (members.size() > maxChanges) {
            // published now and as it comes, unstamped; its END clears nothing since no BEGIN is given again
            unstamped.add(Unstamped.TOO_LARGE);
            return new Plan(records.size(), unstamped);
        }
        return new Plan(openBegin, unstamped);
    }

    /**
     * Sets the position of each of {@code transaction}'s changes, given all of them in log order (also to correct the
     * positions when one of them could not be published after all).
     */
    public static void stamp(List<RowChange> transaction) {
        Map<String, Long> tableSizes = new LinkedHashMap<>();
        for (RowChange change : transaction) {
            tableSizes.merge(change.getSchema$() + "." + change.getTable(), 1L, Long::sum);
        }
        Map<String, Long> shared = Map.copyOf(tableSizes);
        long order = 0;
        for (RowChange change : transaction) {
            change.setTransaction(new TransactionPosition((long) transaction.size(), ++order, shared));
        }
    }
}
