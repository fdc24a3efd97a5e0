package io.strangler.capture.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.capture.internal.TransactionStamper.Plan;
import io.strangler.capture.internal.TransactionStamper.Unstamped;
import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionPosition;
import io.strangler.schemas.TransactionStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class TransactionStamperTest {

    private final TransactionStamper stamper = new TransactionStamper(3, id -> false);

    @Test
    void shouldStampEveryChangeOfAWholeTransactionWithSizeOrderAndTableSizes() {
        // Given a transaction of two tables between its BEGIN and END
        RowChange first = change("orders", "7");
        RowChange second = change("order_items", "7");
        RowChange third = change("orders", "7");

        // When it is planned
        Plan plan = stamper.plan(List.of(begin("7"), first, second, third, end("7")));

        // Then all is published and each change knows its place
        assertThat(plan.publishCount()).isEqualTo(5);
        assertThat(plan.unstamped()).isEmpty();
        Map<String, Long> tables = Map.of("public.orders", 2L, "public.order_items", 1L);
        assertThat(first.getTransaction()).isEqualTo(new TransactionPosition(3L, 1L, tables));
        assertThat(second.getTransaction()).isEqualTo(new TransactionPosition(3L, 2L, tables));
        assertThat(third.getTransaction()).isEqualTo(new TransactionPosition(3L, 3L, tables));
    }

    @Test
    void shouldHoldATransactionOpenAtTheEndOfABatchAndStampItWholeInTheNext() {
        // Given a batch that ends inside transaction 8, after transaction 7 ended
        RowChange done = change("orders", "7");
        RowChange early = change("orders", "8");
        List<SpecificRecord> firstBatch = List.of(begin("7"), done, end("7"), begin("8"), early);

        // When the first batch is planned, and then the held records with the next batch
        Plan firstPlan = stamper.plan(firstBatch);
        RowChange late = change("order_items", "8");
        List<SpecificRecord> secondBatch = new ArrayList<>(firstBatch.subList(firstPlan.publishCount(), 5));
        secondBatch.addAll(List.of(late, end("8")));
        Plan secondPlan = stamper.plan(secondBatch);

        // Then the first publishes up to 8's BEGIN, with 8 unstamped so far, and the second stamps 8 whole
        assertThat(firstPlan.publishCount()).isEqualTo(3);
        assertThat(done.getTransaction().getSize()).isEqualTo(1L);
        assertThat(secondPlan.publishCount()).isEqualTo(4);
        Map<String, Long> tables = Map.of("public.orders", 1L, "public.order_items", 1L);
        assertThat(early.getTransaction()).isEqualTo(new TransactionPosition(2L, 1L, tables));
        assertThat(late.getTransaction()).isEqualTo(new TransactionPosition(2L, 2L, tables));
    }

    @Test
    void shouldPublishATransactionLargerThanTheBufferUnstampedAndCountItOnce() {
        // Given a transaction still open after more changes than the buffer takes
        List<RowChange> changes = List.of(change("orders", "9"), change("orders", "9"), change("orders", "9"),
                change("orders", "9"));
        List<SpecificRecord> firstBatch = new ArrayList<>(List.of(begin("9")));
        firstBatch.addAll(changes);

        // When it is planned, and then its rest without the BEGIN
        Plan firstPlan = stamper.plan(firstBatch);
        RowChange last = change("orders", "9");
        Plan secondPlan = stamper.plan(List.of(last, end("9")));

        // Then nothing is held, nothing is stamped, and one transaction is counted too large
        assertThat(firstPlan.publishCount()).isEqualTo(firstBatch.size());
        assertThat(firstPlan.unstamped()).containsExactly(Unstamped.TOO_LARGE);
        assertThat(secondPlan.publishCount()).isEqualTo(2);
        assertThat(secondPlan.unstamped()).isEmpty();
        assertThat(changes).allSatisfy(change -> assertThat(change.getTransaction()).isNull());
        assertThat(last.getTransaction()).isNull();
    }

    @Test
    void shouldLeaveAWholeTransactionLargerThanTheBufferUnstampedToo() {
        List<RowChange> changes = List.of(change("orders", "9"), change("orders", "9"), change("orders", "9"),
                change("orders", "9"));
        List<SpecificRecord> batch = new ArrayList<>(List.of(begin("9")));
        batch.addAll(changes);
        batch.add(end("9"));

        Plan plan = stamper.plan(batch);

        assertThat(plan.unstamped()).containsExactly(Unstamped.TOO_LARGE);
        assertThat(changes).allSatisfy(change -> assertThat(change.getTransaction()).isNull());
    }

    @Test
    void shouldNotCountTheApplySinksMarkerRowNorADeadLetter() {
        // Given an apply transaction: the sink's offsets row first (absorbed by the origin tracker), a change that
        // could not be converted (dead-lettered: not published as a RowChange), then two data changes
        OriginTracker origins = new OriginTracker(ApplyOffsetsTable.of("strangler_apply_offsets"));
        RowChange first = change("orders", "10");
        RowChange second = change("orders", "10");
        List<SpecificRecord> published = Arrays.asList(
                published(origins, begin("10")),
                published(origins, change("strangler_apply_offsets", "10")),
                null, // the dead letter
                published(origins, first),
                published(origins, second),
                published(origins, end("10")));

        // When planned
        stamper.plan(published);

        // Then the transaction has the two published changes only
        Map<String, Long> tables = Map.of("public.orders", 2L);
        assertThat(first.getTransaction()).isEqualTo(new TransactionPosition(2L, 1L, tables));
        assertThat(second.getTransaction()).isEqualTo(new TransactionPosition(2L, 2L, tables));
    }

    @Test
    void shouldLeaveATransactionThisRunResumedInTheMiddleUnstamped() {
        // Given the connector re-sends the BEGIN of the transaction the previous run had open, without its first changes
        TransactionStamper resuming = new TransactionStamper(3, "11"::equals);
        RowChange rest = change("orders", "11");
        RowChange next = change("orders", "12");

        // When planned
        Plan plan = resuming.plan(List.of(begin("11"), rest, end("11"), begin("12"), next, end("12")));

        // Then only the transaction seen whole is stamped
        assertThat(plan.unstamped()).containsExactly(Unstamped.RESUMED);
        assertThat(rest.getTransaction()).isNull();
        assertThat(next.getTransaction()).isEqualTo(new TransactionPosition(1L, 1L, Map.of("public.orders", 1L)));
    }

    @Test
    void shouldLeaveSnapshotRowsAndChangesOutsideABeginEndPairUnstamped() {
        RowChange snapshot = change("orders", null);
        snapshot.setOp(Operation.READ);
        RowChange withoutBegin = change("orders", "13");

        Plan plan = stamper.plan(List.of(snapshot, withoutBegin, end("13")));

        assertThat(plan.publishCount()).isEqualTo(3);
        assertThat(snapshot.getTransaction()).isNull();
        assertThat(withoutBegin.getTransaction()).isNull();
    }

    @Test
    void shouldStampTheRestAgainWhenAChangeOfAStampedTransactionIsDroppedAfterAll() {
        RowChange first = change("orders", "14");
        RowChange third = change("order_items", "14");

        TransactionStamper.stamp(List.of(first, third));

        Map<String, Long> tables = Map.of("public.orders", 1L, "public.order_items", 1L);
        assertThat(first.getTransaction()).isEqualTo(new TransactionPosition(2L, 1L, tables));
        assertThat(third.getTransaction()).isEqualTo(new TransactionPosition(2L, 2L, tables));
    }

    private static SpecificRecord published(OriginTracker origins, SpecificRecord value) {
        CapturedRecord captured = origins.follow(new CapturedRecord("topic", "key", value,
                value instanceof RowChange ? CapturedRecord.Kind.ROW_CHANGE : CapturedRecord.Kind.TRANSACTION));
        return captured.isSkipped() ? null : captured.value();
    }

    private static TransactionEvent begin(String id) {
        return boundary(id, TransactionStatus.BEGIN);
    }

    private static TransactionEvent end(String id) {
        return boundary(id, TransactionStatus.END);
    }

    private static TransactionEvent boundary(String id, TransactionStatus status) {
        return TransactionEvent.newBuilder().setSource("monolith").setTransactionId(id).setStatus(status)
                .setEventCount(null).setTableEventCounts(Map.of()).setSourceCommitMicros(0L).setCaptureMicros(0L)
                .build();
    }

    private static RowChange change(String table, String transactionId) {
        return RowChange.newBuilder().setSource("monolith").setSchema$("public").setTable(table)
                .setOp(Operation.UPDATE).setKey(Map.of("id", 1L)).setAfter(Map.of("id", 1L))
                .setSourceCommitMicros(0L).setSourcePosition("0/1").setTransactionId(transactionId)
                .setCaptureMicros(0L).build();
    }
}
