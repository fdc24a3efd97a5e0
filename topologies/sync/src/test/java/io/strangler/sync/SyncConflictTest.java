package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.DELETE;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.mapping.MappingException;
import io.strangler.core.registry.InMemorySchemaRegistryClient;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.ConflictKind;
import io.strangler.schemas.ConflictWinner;
import io.strangler.schemas.DeadLetter;
import io.strangler.sync.internal.Hashes;
import io.strangler.sync.internal.Origin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conflict detection for every kind, and every strategy's decision. */
class SyncConflictTest {

    private static final ConflictStrategy LWW_MONOLITH = new ConflictStrategy.LastWriteWins(Duration.ofMillis(100), MONOLITH);

    private SyncFixture sync;

    @AfterEach
    void close() {
        sync.close();
    }

    /** Both sides hold customer 1 = (V0, v@x), written at 1 ms. */
    private void agreedV0(ConflictStrategy strategy) {
        sync = new SyncFixture(strategy);
        sync.write(MONOLITH, CREATE, 1, "V0", "v@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 1_100);
    }

    @Test
    void shouldResolveUpdateUpdateConflictByLastWriteToTheNewerCommit() {
        // Given
        agreedV0(LWW_MONOLITH);
        sync.write(MONOLITH, UPDATE, 1, "M", "v@x", 10_000_000);
        ApplyCommand inFlight = sync.onlyApply(SERVICE);

        // When: the service changed V0 too, later, before the monolith's change reached it
        sync.write(SERVICE, UPDATE, 1, "S", "v@x", 10_500_000);

        // Then
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getKind()).isEqualTo(ConflictKind.UPDATE_UPDATE);
        assertThat(conflict.getStrategy()).isEqualTo("last-write-wins");
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.SERVICE);
        assertThat(conflict.getMonolith().getRow().get("name")).isEqualTo("M");
        assertThat(conflict.getService().getRow().get("name")).isEqualTo("S");
        assertThat(conflict.getBase().getRow().get("name")).isEqualTo("V0");
        assertThat(conflict.getResolved()).isEqualTo(SyncFixture.logical(1, "S", "v@x"));
        assertThat(conflict.getReason()).contains("newer commit");
        ApplyCommand toMonolith = sync.onlyApply(MONOLITH);
        assertThat(toMonolith.getReason()).isEqualTo(ApplyReason.CONFLICT_RESOLUTION);
        assertThat(CanonicalRow.fromAvro(toMonolith.getRow()).get("name")).isEqualTo("S");
        assertThat(sync.onlyApply(SERVICE).getReason()).isEqualTo(ApplyReason.RESEND);
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "S", "v@x"));
        assertThat(sync.state(1).agreed().origin()).isEqualTo(Origin.SERVICE);
        assertThat(inFlight.getOp()).isEqualTo(ApplyOperation.UPSERT);
        assertThat(sync.metric("conflicts-total", Map.of("kind", "UPDATE_UPDATE", "strategy", "last-write-wins")))
                .isEqualTo(1.0);
    }

    @Test
    void shouldResendAgreedImageWhenALateEchoOverwroteTheWinningChange() {
        // Given: the monolith's M was sent to the service at 10 s; the service wrote S at 20 s without having seen an
        // echo of M, so M may already have landed (as a no-op) or may still be in flight
        agreedV0(LWW_MONOLITH);
        sync.write(MONOLITH, UPDATE, 1, "M", "v@x", 10_000_000);
        ApplyCommand inFlight = sync.onlyApply(SERVICE);
        sync.write(SERVICE, UPDATE, 1, "S", "v@x", 20_000_000);
        assertThat(single(sync.conflicts()).getWinner()).isEqualTo(ConflictWinner.SERVICE);
        assertThat(sync.applies(SERVICE)).as("nothing known to undo yet").isEmpty();
        sync.applies(MONOLITH);

        // When: M lands after all, overwriting S, and its echo arrives
        sync.echo(inFlight, UPDATE, 20_100_000);

        // Then: S, the agreed row, is re-sent to the service
        ApplyCommand resend = sync.onlyApply(SERVICE);
        assertThat(resend.getReason()).isEqualTo(ApplyReason.RESEND);
        assertThat(CanonicalRow.fromAvro(resend.getRow()).get("full_name")).isEqualTo("S");
        assertThat(sync.state(1).service().pending()).extracting(p -> p.hash())
                .containsExactly(SyncFixture.hash(1, "S", "v@x"));
    }

    @Test
    void shouldResolveUpdateUpdateConflictByLastWriteWithinSkewWindowToPrioritySide() {
        // Given
        agreedV0(LWW_MONOLITH);
        sync.write(MONOLITH, UPDATE, 1, "M", "v@x", 10_000_000);
        sync.applies(SERVICE);

        // When: the service's commit is 50 ms later, inside the 100 ms window
        sync.write(SERVICE, UPDATE, 1, "S", "v@x", 10_050_000);

        // Then: the monolith (priority) wins; its row is already on its way to the service
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.MONOLITH);
        assertThat(conflict.getReason()).contains("clock-skew window");
        assertThat(sync.applies(MONOLITH)).isEmpty();
        assertThat(sync.applies(SERVICE)).isEmpty();
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "M", "v@x"));
        assertThat(sync.state(1).service().expected()).isEqualTo(SyncFixture.hash(1, "M", "v@x"));
    }

    @Test
    void shouldResolveInsertInsertConflictByPriority() {
        // Given
        sync = new SyncFixture(new ConflictStrategy.Priority(SERVICE));
        sync.write(MONOLITH, CREATE, 5, "M", "m@x", 9_000_000);
        sync.applies(SERVICE);

        // When: the service inserted the same key without knowing
        sync.write(SERVICE, CREATE, 5, "S", "s@x", 1_000);

        // Then
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getKind()).isEqualTo(ConflictKind.INSERT_INSERT);
        assertThat(conflict.getStrategy()).isEqualTo("priority");
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.SERVICE);
        assertThat(conflict.getBase()).isNull();
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(MONOLITH).getRow()).get("name")).isEqualTo("S");
        assertThat(sync.onlyApply(SERVICE).getReason()).isEqualTo(ApplyReason.RESEND);
        assertThat(sync.state(5).agreed().hash()).isEqualTo(SyncFixture.hash(5, "S", "s@x"));
    }

    @Test
    void shouldResolveUpdateDeleteConflictByLastWriteToTheNewerDelete() {
        // Given
        agreedV0(LWW_MONOLITH);
        sync.write(MONOLITH, UPDATE, 1, "M", "v@x", 10_000_000);
        sync.applies(SERVICE);

        // When
        sync.write(SERVICE, DELETE, 1, null, null, 10_500_000);

        // Then: deleted on both sides; the service gets the delete again because the monolith's upsert is in flight
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getKind()).isEqualTo(ConflictKind.UPDATE_DELETE);
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.SERVICE);
        assertThat(conflict.getResolved()).isNull();
        assertThat(sync.onlyApply(MONOLITH).getOp()).isEqualTo(ApplyOperation.DELETE);
        ApplyCommand again = sync.onlyApply(SERVICE);
        assertThat(again.getOp()).isEqualTo(ApplyOperation.DELETE);
        assertThat(again.getReason()).isEqualTo(ApplyReason.RESEND);
        assertThat(sync.state(1).agreed().deleted()).isTrue();
        assertThat(sync.tombstone(1)).isNotNull();
    }

    @Test
    void shouldResolveDeleteUpdateConflictByPriorityKeepingTheDelete() {
        // Given
        agreedV0(new ConflictStrategy.Priority(MONOLITH));
        sync.write(MONOLITH, DELETE, 1, null, null, 10_000_000);
        assertThat(sync.onlyApply(SERVICE).getOp()).isEqualTo(ApplyOperation.DELETE);

        // When: the service updated the row before the delete reached it, with a newer clock
        sync.write(SERVICE, UPDATE, 1, "S", "v@x", 10_500_000);

        // Then: the monolith's delete wins; it is already on its way to the service
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getKind()).isEqualTo(ConflictKind.DELETE_UPDATE);
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.MONOLITH);
        assertThat(conflict.getMonolith().getRow()).isNull();
        assertThat(sync.nothingEmitted()).isTrue();
        assertThat(sync.state(1).agreed().deleted()).isTrue();
    }

    @Test
    void shouldRecordDeleteDeleteConflictWhenBothSidesDeletedWithoutSeeingEachOther() {
        // Given: the monolith deleted; the delete sent to the service was lost (its echo wait expired)
        sync = new SyncFixture(LWW_MONOLITH, Direction.BOTH,
                SyncSettings.defaults().withExpiry(Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        sync.write(MONOLITH, CREATE, 1, "V0", "v@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 1_100);
        sync.write(MONOLITH, DELETE, 1, null, null, 10_000_000);
        sync.applies(SERVICE);
        sync.advance(Duration.ofSeconds(10));

        // When: the service deletes the row itself
        sync.write(SERVICE, DELETE, 1, null, null, 11_000_000);

        // Then
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getKind()).isEqualTo(ConflictKind.DELETE_DELETE);
        assertThat(conflict.getResolved()).isNull();
        assertThat(sync.applies(MONOLITH)).isEmpty();
        assertThat(sync.applies(SERVICE)).isEmpty();
        assertThat(sync.state(1).service().last()).isEqualTo(Hashes.DELETED);
    }

    @Test
    void shouldCopyUpdateOfARowTheSyncNeverSawAndRecordIt() {
        // Given
        sync = new SyncFixture(LWW_MONOLITH);

        // When
        sync.write(SERVICE, UPDATE, 9, "S", "s@x", 1_000);

        // Then
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getKind()).isEqualTo(ConflictKind.UPDATE_MISSING);
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.SERVICE);
        ApplyCommand command = sync.onlyApply(MONOLITH);
        assertThat(command.getOp()).isEqualTo(ApplyOperation.UPSERT);
        assertThat(CanonicalRow.fromAvro(command.getRow()).values()).isEqualTo(SyncFixture.logical(9, "S", "s@x"));
    }

    @Test
    void shouldMergeColumnsTakingEachColumnFromItsNewestWrite() {
        // Given
        agreedV0(new ConflictStrategy.ColumnMerge(Duration.ofMillis(100), MONOLITH));
        sync.write(MONOLITH, UPDATE, 1, "M", "v@x", 2_000_000);
        sync.applies(SERVICE);

        // When: the service changed the email meanwhile
        sync.write(SERVICE, UPDATE, 1, "V0", "s@x", 3_000_000);

        // Then: name from the monolith, email from the service, on both sides
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getStrategy()).isEqualTo("column-merge");
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.MERGED);
        assertThat(conflict.getResolved()).isEqualTo(SyncFixture.logical(1, "M", "s@x"));
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(MONOLITH).getRow()).values())
                .isEqualTo(SyncFixture.logical(1, "M", "s@x"));
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(SERVICE).getRow()).values())
                .isEqualTo(Map.of("id", 1L, "full_name", "M", "email", "s@x"));
        assertThat(sync.state(1).agreed().columnMicros())
                .containsEntry("name", 2_000_000L).containsEntry("email", 3_000_000L);
    }

    @Test
    void shouldMergeSameColumnToItsNewestWrite() {
        // Given
        agreedV0(new ConflictStrategy.ColumnMerge(Duration.ofMillis(100), SERVICE));
        sync.write(MONOLITH, UPDATE, 1, "M", "v@x", 5_000_000);
        sync.applies(SERVICE);

        // When: the service wrote the same column earlier
        sync.write(SERVICE, UPDATE, 1, "S", "v@x", 4_000_000);

        // Then
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.MONOLITH);
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "M", "v@x"));
        assertThat(sync.applies(MONOLITH)).isEmpty();
    }

    @Test
    void shouldDecideByCustomResolverLoadedByClassNameWithItsParams() {
        // Given
        agreedV0(new ConflictStrategy.Custom(LongestNameWins.class.getName(), Map.of("prefer", "service")));
        sync.write(MONOLITH, UPDATE, 1, "Mo", "v@x", 2_000_000);
        sync.applies(SERVICE);

        // When: equal lengths, so the params' preferred side wins
        sync.write(SERVICE, UPDATE, 1, "Se", "v@x", 1_000_000);

        // Then
        Conflict conflict = single(sync.conflicts());
        assertThat(conflict.getStrategy()).isEqualTo("custom");
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.SERVICE);
        assertThat(conflict.getReason()).isEqualTo("same length: preferred side");
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(MONOLITH).getRow()).get("name")).isEqualTo("Se");
    }

    @Test
    void shouldSendConflictToDeadLetterAndKeepAgreedImageWhenCustomResolverThrows() {
        // Given
        agreedV0(new ConflictStrategy.Custom(ThrowingResolver.class.getName(), Map.of()));
        sync.write(MONOLITH, UPDATE, 1, "M", "v@x", 2_000_000);
        sync.applies(SERVICE);

        // When
        sync.write(SERVICE, UPDATE, 1, "S", "v@x", 3_000_000);

        // Then
        DeadLetter letter = single(sync.deadLetters());
        assertThat(letter.getComponent()).isEqualTo("sync");
        assertThat(letter.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.getErrorMessage()).contains("resolver bug");
        assertThat(letter.getPayloadFormat()).isEqualTo("json");
        assertThat(new String(letter.getPayload().array())).contains("UPDATE_UPDATE").contains("S");
        assertThat(sync.conflicts()).isEmpty();
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "M", "v@x"));

        // And the topology keeps running
        sync.write(MONOLITH, CREATE, 2, "N", "n@x", 4_000_000);
        assertThat(sync.onlyApply(SERVICE).getKey()).isEqualTo(Map.of("id", 2L));
    }

    @Test
    void shouldRefuseToBuildWhenCustomResolverClassIsMissing() {
        var mapping = SyncFixture.customers(new ConflictStrategy.Custom("com.example.Missing", Map.of()), Direction.BOTH);
        assertThatThrownBy(() -> SyncTopology.build(SyncSettings.defaults(), List.of(mapping),
                SyncSerdes.avro(new InMemorySchemaRegistryClient())))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("com.example.Missing")
                .hasMessageContaining("customers");
        sync = new SyncFixture(LWW_MONOLITH);
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
