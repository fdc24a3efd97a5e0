package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.DeadLetter;
import io.strangler.schemas.RowChange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records the sync cannot process go to the dead-letter topic; the topology keeps running. */
class SyncPoisonTest {

    private final SyncFixture sync = new SyncFixture(ConflictStrategy.DEFAULT);

    @AfterEach
    void close() {
        sync.close();
    }

    @Test
    void shouldSendUndecodableRecordToDeadLetterAndKeepRunning() {
        // When
        byte[] garbage = {0, 0, 0, 0, 99, 1, 2, 3};
        sync.pipeRawMonolith("{\"id\":1}".getBytes(StandardCharsets.UTF_8), garbage);
        sync.write(MONOLITH, CREATE, 2, "Ok", "ok@x", 1_000);

        // Then
        DeadLetter letter = only(sync.deadLetters());
        assertThat(letter.getComponent()).isEqualTo("sync");
        assertThat(letter.getSource()).isEqualTo("monolith");
        assertThat(letter.getTopic()).isEqualTo("strangler.cdc.monolith.public.customer");
        assertThat(letter.getOffset()).isEqualTo(0L);
        assertThat(letter.getKey()).isEqualTo("{\"id\":1}");
        assertThat(letter.getPayload().array()).isEqualTo(garbage);
        assertThat(letter.getPayloadFormat()).isEqualTo("confluent-avro");
        assertThat(sync.onlyApply(SERVICE).getKey()).isEqualTo(Map.of("id", 2L));
        assertThat(sync.metric("dead-letters-total", Map.of())).isEqualTo(1.0);
    }

    @Test
    void shouldSendChangeOfUnknownTableToDeadLetter() {
        // Given: a change of another table arriving on the customer topic
        RowChange change = sync.change(MONOLITH, CREATE, 1, SyncFixture.monolithRow(1, "A", "a@x"), 1_000);
        change.setTable("orders");

        // When
        sync.pipe(MONOLITH, change);

        // Then
        DeadLetter letter = only(sync.deadLetters());
        assertThat(letter.getErrorMessage()).contains("unknown table").contains("public.orders");
        assertThat(letter.getTable()).isEqualTo("public.orders");
        assertThat(sync.applies(SERVICE)).isEmpty();
    }

    @Test
    void shouldSendChangeMissingAMappedColumnToDeadLetter() {
        // Given: the service's row lacks full_name (dropped column, schema drift)
        Map<String, Object> row = new java.util.LinkedHashMap<>(SyncFixture.serviceRow(1, "A", "a@x"));
        row.remove("full_name");

        // When
        sync.pipe(SERVICE, sync.change(SERVICE, CREATE, 1, row, 1_000));

        // Then
        DeadLetter letter = only(sync.deadLetters());
        assertThat(letter.getErrorMessage()).contains("'full_name'").contains("missing");
        assertThat(letter.getSource()).isEqualTo("service");
        assertThat(sync.state(1)).isNull();
    }

    @Test
    void shouldFillUnavailableColumnFromTheAgreedImage() {
        // Given
        sync.write(MONOLITH, CREATE, 1, "A", "a@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 1_100);

        // When: an update whose email the source could not provide (unchanged TOAST value)
        RowChange change = sync.change(MONOLITH, UPDATE, 1, SyncFixture.monolithRow(1, "B", "__unavailable__"), 2_000);
        change.setUnavailableColumns(List.of("email"));
        sync.pipe(MONOLITH, change);

        // Then
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(SERVICE).getRow()).values())
                .isEqualTo(Map.of("id", 1L, "full_name", "B", "email", "a@x"));
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "B", "a@x"));
    }

    @Test
    void shouldSendChangeWithUnavailableColumnToDeadLetterWhenNoImageIsKnown() {
        // When
        RowChange change = sync.change(MONOLITH, UPDATE, 1, SyncFixture.monolithRow(1, "B", "x"), 2_000);
        change.setUnavailableColumns(List.of("email"));
        sync.pipe(MONOLITH, change);

        // Then
        assertThat(only(sync.deadLetters()).getErrorMessage()).contains("[email]").contains("no image");
        assertThat(sync.applies(SERVICE)).isEmpty();
    }

    private static DeadLetter only(List<DeadLetter> letters) {
        assertThat(letters).hasSize(1);
        return letters.get(0);
    }
}
