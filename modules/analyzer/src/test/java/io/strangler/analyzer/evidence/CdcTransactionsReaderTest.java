package io.strangler.analyzer.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.schemas.TransactionEvent;
import io.strangler.schemas.TransactionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CdcTransactionsReaderTest {

    static final TableName ORDERS = new TableName("public", "orders");
    static final TableName ITEMS = new TableName("public", "order_items");
    final TableResolver resolver = new TableResolver(List.of(ORDERS, ITEMS), List.of("public"));

    @Test
    void shouldTakeTheTablesOfEveryEndEvent() {
        List<TransactionEvent> events = List.of(event("1", TransactionStatus.BEGIN, Map.of()),
                event("1", TransactionStatus.END, Map.of("public.orders", 1L, "public.order_items", 3L)),
                event("2", TransactionStatus.END, Map.of("public.orders", 1L, "public.order_items", 1L)),
                event("3", TransactionStatus.END, Map.of("public.orders", 1L, "archive.orders_2019", 1L)));

        WorkloadEvidence evidence = CdcTransactionsReader.fromEvents(events, resolver);

        assertThat(evidence.transactions()).containsExactlyInAnyOrder(new TransactionPattern(List.of(ITEMS, ORDERS), 2),
                new TransactionPattern(List.of(ORDERS), 1));
        assertThat(evidence.stats().unknownTables()).containsEntry("archive.orders_2019", 1L);
    }

    @Test
    void shouldGroupRowChangesByTransactionIdAndSkipSnapshotsAndChangesWithoutOne() {
        List<RowChange> changes = List.of(change("orders", "t1", Operation.CREATE), change("order_items", "t1", Operation.CREATE),
                change("order_items", "t1", Operation.CREATE), change("orders", "t2", Operation.UPDATE),
                change("orders", "s", Operation.READ), change("order_items", null, Operation.DELETE));

        WorkloadEvidence evidence = CdcTransactionsReader.fromRowChanges(changes, resolver);

        assertThat(evidence.transactions()).containsExactlyInAnyOrder(new TransactionPattern(List.of(ITEMS, ORDERS), 1),
                new TransactionPattern(List.of(ORDERS), 1));
        assertThat(evidence.notes()).singleElement().asString().contains("1 change(s) carried no transaction id");
    }

    private static TransactionEvent event(String id, TransactionStatus status, Map<String, Long> tables) {
        return TransactionEvent.newBuilder().setSource("monolith").setTransactionId(id).setStatus(status)
                .setEventCount(status == TransactionStatus.END ? 2L : null).setTableEventCounts(new java.util.HashMap<>(tables))
                .setSourceCommitMicros(1).setCaptureMicros(2).build();
    }

    private static RowChange change(String table, String transactionId, Operation op) {
        return RowChange.newBuilder().setSource("monolith").setSchema$("public").setTable(table).setOp(op)
                .setKey(Map.<String, Object>of("id", 1L)).setBefore(null).setAfter(null).setUnavailableColumns(List.of())
                .setSourceCommitMicros(1).setSourcePosition("0/1").setTransactionId(transactionId).setCaptureMicros(2)
                .build();
    }
}
