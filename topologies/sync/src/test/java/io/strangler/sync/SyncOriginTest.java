package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.DELETE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Side;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.ConflictKind;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import io.strangler.sync.internal.Hashes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changes tagged with their origin by capture: a local write is never an echo, an apply's write always is. */
class SyncOriginTest {

    private final SyncFixture sync = new SyncFixture(new ConflictStrategy.Priority(MONOLITH));

    @BeforeEach
    void bothSidesHoldRowOne() {
        pipe(MONOLITH, CREATE, "Ada", 1_000, ChangeOrigin.LOCAL);
        ApplyCommand copy = sync.onlyApply(SERVICE);
        RowChange echo = sync.change(SERVICE, CREATE, 1, SyncFixture.row(SERVICE, 1, "Ada", "Ada@x"), 2_000);
        echo.setOrigin(ChangeOrigin.APPLY);
        sync.pipe(SERVICE, echo);
        assertThat(copy.getOp()).isEqualTo(ApplyOperation.UPSERT);
        assertThat(sync.applies(MONOLITH)).isEmpty();
    }

    @AfterEach
    void close() {
        sync.close();
    }

    @Test
    void shouldTakeALocalDeleteIdenticalToAPendingDeleteForAConflictNotForTheEcho() {
        // Given the service deleted the row and re-created it; both writes are on their way to the monolith
        pipe(SERVICE, DELETE, null, 3_000, ChangeOrigin.LOCAL);
        pipe(SERVICE, CREATE, "Bob", 4_000, ChangeOrigin.LOCAL);
        assertThat(sync.applies(MONOLITH)).extracting(kv -> kv.value.getOp())
                .containsExactly(ApplyOperation.DELETE, ApplyOperation.UPSERT);

        // When a user deletes the row on the monolith before those applies land (a delete like the pending one)
        pipe(MONOLITH, DELETE, null, 5_000, ChangeOrigin.LOCAL);

        // Then it is the monolith's write, concurrent with the service's re-creation: priority to the monolith, the
        // row is deleted on the service and stays deleted on the monolith once the re-creation lands there
        assertThat(sync.conflicts()).extracting(c -> c.getKind()).containsExactly(ConflictKind.DELETE_UPDATE);
        assertThat(sync.applies(SERVICE)).extracting(kv -> kv.value.getOp()).containsExactly(ApplyOperation.DELETE);
        assertThat(sync.state(1).agreed().hash()).isEqualTo(Hashes.DELETED);
        pipe(MONOLITH, CREATE, "Bob", 6_000, ChangeOrigin.APPLY);
        assertThat(sync.applies(MONOLITH)).extracting(kv -> kv.value.getOp()).containsExactly(ApplyOperation.DELETE);
    }

    @Test
    void shouldMatchTheEchoOfACoalescedBatchToItsLastCommandSoALaterWriteOnTopOfItWins() {
        // Given the monolith deleted the row, re-created it and deleted it again: three applies to the service
        pipe(MONOLITH, DELETE, null, 3_000_000, ChangeOrigin.LOCAL);
        pipe(MONOLITH, CREATE, "Bob", 4_000_000, ChangeOrigin.LOCAL);
        pipe(MONOLITH, DELETE, null, 5_000_000, ChangeOrigin.LOCAL);
        assertThat(sync.applies(SERVICE)).extracting(kv -> kv.value.getOp())
                .containsExactly(ApplyOperation.DELETE, ApplyOperation.UPSERT, ApplyOperation.DELETE);

        // When the service's apply sink writes them in one batch, keeping only the last (one delete, one echo), and a
        // user on the service then re-creates the row, on top of the monolith's latest write
        pipe(SERVICE, DELETE, null, 6_000_000, ChangeOrigin.APPLY);
        pipe(SERVICE, CREATE, "Carl", 7_000_000, ChangeOrigin.LOCAL);

        // Then the re-creation is no conflict (the service knew the latest deletion): it is copied to the monolith
        assertThat(sync.conflicts()).isEmpty();
        assertThat(sync.applies(MONOLITH)).extracting(kv -> kv.value.getOp()).containsExactly(ApplyOperation.UPSERT);
        assertThat(sync.applies(SERVICE)).isEmpty();
        assertThat(sync.state(1).agreed().origin()).isEqualTo(io.strangler.sync.internal.Origin.SERVICE);
    }

    @Test
    void shouldTakeAnApplyTaggedChangeForAnEchoEvenWithoutAPendingEntry() {
        // When the monolith reports a write by the apply sink that the sync has no pending entry for (e.g. expired)
        pipe(MONOLITH, Operation.UPDATE, "Ada", 3_000, ChangeOrigin.APPLY);

        // Then it is not a change of the monolith's: nothing is sent, nothing conflicts
        assertThat(sync.applies(SERVICE)).isEmpty();
        assertThat(sync.applies(MONOLITH)).isEmpty();
        assertThat(sync.conflicts()).isEmpty();
    }

    @Test
    void shouldSendTheAgreedDeletionAgainWhenALocalInsertCommitsShortlyAfterAppliesThatLandedBeforeIt() {
        // Given the service deleted the row (echoed on the monolith); the monolith re-created and deleted it, and the
        // sync sent both to the service, where its apply sink coalesced them into one delete of a missing row: no echo
        pipe(SERVICE, DELETE, null, 3_000_000, ChangeOrigin.LOCAL);
        pipe(MONOLITH, DELETE, null, 3_200_000, ChangeOrigin.APPLY);
        pipe(MONOLITH, CREATE, "Bob", 3_800_000, ChangeOrigin.LOCAL);
        pipe(MONOLITH, DELETE, null, 4_000_000, ChangeOrigin.LOCAL);
        assertThat(sync.applies(SERVICE)).extracting(kv -> kv.value.getOp())
                .containsExactly(ApplyOperation.UPSERT, ApplyOperation.DELETE);

        // When the service inserts the row half a second after the sync sent the delete (within the clock tolerance)
        pipe(SERVICE, CREATE, "Carl", 4_500_000, ChangeOrigin.LOCAL);

        // Then the monolith's deletion wins (priority) and is sent again: the delete sent before may have landed first
        assertThat(sync.conflicts()).extracting(c -> c.getKind()).containsExactly(ConflictKind.DELETE_UPDATE);
        assertThat(sync.applies(SERVICE)).extracting(kv -> kv.value.getOp()).containsExactly(ApplyOperation.DELETE);
        assertThat(sync.state(1).agreed().hash()).isEqualTo(Hashes.DELETED);
    }

    @Test
    void shouldResolveARecreationCommittedBeforeTheOtherSidesConcurrentDeletionWhenItsCaptureDeliversItLate() {
        // Given the service deleted the row (on its way to the monolith) and re-created it at 4 s, but its capture
        // restarted and delivers the re-creation only after the monolith's own deletion, committed at 5 s
        pipe(SERVICE, DELETE, null, 3_000_000, ChangeOrigin.LOCAL);
        assertThat(sync.applies(MONOLITH)).extracting(kv -> kv.value.getOp()).containsExactly(ApplyOperation.DELETE);
        pipe(MONOLITH, DELETE, null, 5_000_000, ChangeOrigin.LOCAL);

        // When the re-creation arrives
        pipe(SERVICE, CREATE, "Bob", 4_000_000, ChangeOrigin.LOCAL);

        // Then it was made without knowing of the monolith's later deletion: priority to the monolith, the row is
        // deleted on the service again and nothing goes to the monolith
        assertThat(sync.conflicts()).extracting(c -> c.getKind())
                .containsExactly(ConflictKind.DELETE_DELETE, ConflictKind.DELETE_UPDATE);
        assertThat(sync.applies(SERVICE)).extracting(kv -> kv.value.getOp()).containsExactly(ApplyOperation.DELETE);
        assertThat(sync.applies(MONOLITH)).isEmpty();
        assertThat(sync.state(1).agreed().hash()).isEqualTo(Hashes.DELETED);
    }

    @Test
    void shouldCopyARecreationCommittedAfterBothSidesDeletedTheRowWithoutAConflict() {
        // Given both sides deleted the row without seeing each other's deletion
        pipe(SERVICE, DELETE, null, 3_000_000, ChangeOrigin.LOCAL);
        sync.applies(MONOLITH);
        pipe(MONOLITH, DELETE, null, 5_000_000, ChangeOrigin.LOCAL);
        assertThat(sync.conflicts()).extracting(c -> c.getKind()).containsExactly(ConflictKind.DELETE_DELETE);

        // When the side that deleted first inserts the row again after both deletions
        pipe(SERVICE, CREATE, "Bob", 8_000_000, ChangeOrigin.LOCAL);

        // Then that is a new row made on top of the agreed deletion: copied to the monolith, no conflict
        assertThat(sync.conflicts()).isEmpty();
        assertThat(sync.applies(MONOLITH)).extracting(kv -> kv.value.getOp()).containsExactly(ApplyOperation.UPSERT);
        assertThat(sync.applies(SERVICE)).isEmpty();
    }

    @Test
    void shouldCopyARecreationByTheSideThatDeletedLastWithoutAConflict() {
        // Given both sides deleted the row without seeing each other's deletion, the monolith last
        pipe(SERVICE, DELETE, null, 3_000_000, ChangeOrigin.LOCAL);
        sync.applies(MONOLITH);
        pipe(MONOLITH, DELETE, null, 5_000_000, ChangeOrigin.LOCAL);
        sync.conflicts();

        // When the monolith inserts the row again
        pipe(MONOLITH, CREATE, "Bob", 6_000_000, ChangeOrigin.LOCAL);

        // Then it is copied to the service, whatever the priority: it came after both deletions
        assertThat(sync.conflicts()).isEmpty();
        assertThat(sync.applies(SERVICE)).extracting(kv -> kv.value.getOp()).containsExactly(ApplyOperation.UPSERT);
    }

    private void pipe(Side side, Operation op, String name, long commitMicros, ChangeOrigin origin) {
        RowChange change = sync.change(side, op, 1, name == null ? null : SyncFixture.row(side, 1, name, name + "@x"),
                commitMicros);
        change.setOrigin(origin);
        sync.pipe(side, change);
    }
}
