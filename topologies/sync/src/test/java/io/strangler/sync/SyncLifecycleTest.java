package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.DELETE;
import static io.strangler.schemas.Operation.READ;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.ConflictKind;
import io.strangler.schemas.ConflictWinner;
import io.strangler.sync.internal.Hashes;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bootstrap from snapshots, and the life of a deleted row. */
class SyncLifecycleTest {

    private static final ConflictStrategy LWW_SERVICE = new ConflictStrategy.LastWriteWins(Duration.ofMillis(100), SERVICE);

    /** Echoes are awaited longer than tombstones are kept, so a slow echo is never mistaken for a local change. */
    private final SyncFixture sync = new SyncFixture(LWW_SERVICE, io.strangler.core.mapping.Direction.BOTH,
            SyncSettings.defaults().withExpiry(Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(1)));

    @AfterEach
    void close() {
        sync.close();
    }

    @Test
    void shouldCopyEveryRowOfPopulatedMonolithToEmptyServiceAsBootstrap() {
        // When: the monolith's snapshot is read
        for (long id = 1; id <= 3; id++) {
            sync.write(MONOLITH, READ, id, "N" + id, id + "@x", 1_000);
        }

        // Then
        List<KeyValue<String, ApplyCommand>> applies = sync.applies(SERVICE);
        assertThat(applies).extracting(kv -> kv.key).containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
        assertThat(applies).allSatisfy(kv -> {
            assertThat(kv.value.getReason()).isEqualTo(ApplyReason.BOOTSTRAP);
            assertThat(kv.value.getOp()).isEqualTo(ApplyOperation.UPSERT);
        });

        // And when the service's echoes arrive, the rows are settled and live sync continues
        applies.forEach(kv -> sync.echo(kv.value, CREATE, 2_000));
        assertThat(sync.nothingEmitted()).isTrue();
        assertThat(sync.state(2).confirmed()).isTrue();
        sync.write(MONOLITH, UPDATE, 2, "N2'", "2@x", 3_000);
        assertThat(sync.onlyApply(SERVICE).getReason()).isEqualTo(ApplyReason.SYNC);
    }

    @Test
    void shouldResolveDifferingSnapshotRowsOfTwoPopulatedSidesByStrategy() {
        // When: both snapshots hold customer 1, differently; snapshot times say nothing about write times
        sync.write(MONOLITH, READ, 1, "Mono", "m@x", 9_000_000);
        sync.applies(SERVICE);
        sync.write(SERVICE, READ, 1, "Serv", "s@x", 1_000);

        // Then: a tie under last-write-wins, so the priority side (service) wins
        Conflict conflict = sync.conflicts().get(0);
        assertThat(conflict.getKind()).isEqualTo(ConflictKind.INSERT_INSERT);
        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.SERVICE);
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(MONOLITH).getRow()).get("name")).isEqualTo("Serv");
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "Serv", "s@x"));
    }

    @Test
    void shouldTreatIdenticalSnapshotRowsOfBothSidesAsTheSameRow() {
        // When
        sync.write(MONOLITH, READ, 1, "Same", "s@x", 1_000);
        ApplyCommand redundant = sync.onlyApply(SERVICE);
        sync.write(SERVICE, READ, 1, "Same", "s@x", 2_000);
        sync.echo(redundant, UPDATE, 3_000);

        // Then
        assertThat(sync.conflicts()).isEmpty();
        assertThat(sync.nothingEmitted()).isTrue();
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "Same", "s@x"));
    }

    @Test
    void shouldLetLiveChangeBeatSnapshotRowWhateverTheClocks() {
        // Given: the monolith's snapshot row, read "late"
        sync.write(MONOLITH, READ, 1, "Snap", "s@x", 9_000_000);
        sync.applies(SERVICE);

        // When: the service inserted the row live, with an older clock, before seeing the snapshot row
        sync.write(SERVICE, CREATE, 1, "Live", "l@x", 1_000);

        // Then
        assertThat(sync.conflicts().get(0).getWinner()).isEqualTo(ConflictWinner.SERVICE);
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "Live", "l@x"));
    }

    @Test
    void shouldKeepTombstoneUntilBothSidesHoldTheDeleteThenExpireIt() {
        // Given: a deleted row whose delete has not reached the service yet
        sync.write(MONOLITH, CREATE, 1, "A", "a@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 1_100);
        sync.write(MONOLITH, DELETE, 1, null, null, 2_000);
        ApplyCommand delete = sync.onlyApply(SERVICE);
        assertThat(delete.getOp()).isEqualTo(ApplyOperation.DELETE);
        assertThat(delete.getRow()).isNull();
        assertThat(sync.tombstone(1)).isNotNull();

        // When: retention passes while the service has not confirmed
        sync.advance(Duration.ofHours(2));

        // Then: the tombstone stays
        assertThat(sync.state(1).agreed().deleted()).isTrue();

        // When: the service's delete echoes and retention passes again
        sync.echo(delete, DELETE, 3_000);
        assertThat(sync.state(1).service().last()).isEqualTo(Hashes.DELETED);
        sync.advance(Duration.ofHours(2));

        // Then: the row is forgotten
        assertThat(sync.state(1)).isNull();
        assertThat(sync.tombstone(1)).isNull();
        assertThat(sync.nothingEmitted()).isTrue();
    }

    @Test
    void shouldRecreateDeletedRowWithoutConflictWhenSideSawTheDelete() {
        // Given
        sync.write(MONOLITH, CREATE, 1, "A", "a@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 1_100);
        sync.write(MONOLITH, DELETE, 1, null, null, 2_000);
        sync.echo(sync.onlyApply(SERVICE), DELETE, 2_100);

        // When
        sync.write(SERVICE, CREATE, 1, "B", "b@x", 3_000);

        // Then
        assertThat(sync.conflicts()).isEmpty();
        ApplyCommand command = sync.onlyApply(MONOLITH);
        assertThat(CanonicalRow.fromAvro(command.getRow()).values()).isEqualTo(SyncFixture.logical(1, "B", "b@x"));
        assertThat(sync.state(1).agreed().deleted()).isFalse();
        assertThat(sync.tombstone(1)).isNull();
    }

    @Test
    void shouldWriteServiceOnlyDefaultsWhenRecreatingARowAfterDelete() {
        // Given
        sync.write(MONOLITH, CREATE, 1, "A", "a@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 1_100);
        sync.write(MONOLITH, DELETE, 1, null, null, 2_000);
        sync.echo(sync.onlyApply(SERVICE), DELETE, 2_100);

        // When
        sync.write(MONOLITH, CREATE, 1, "A2", "a@x", 3_000);

        // Then
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(SERVICE).getRow()).values()).containsEntry("tier", "basic");
    }
}
