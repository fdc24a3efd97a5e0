package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.row.CanonicalRow;
import io.strangler.core.row.RowHash;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ApplyReason;
import io.strangler.schemas.RowChange;
import io.strangler.sync.internal.Origin;
import io.strangler.sync.internal.RowState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The non-conflict rules of DESIGN §5: copy, echo, no-op, re-send, one-way. */
class SyncRulesTest {

    private static final ConflictStrategy LWW = new ConflictStrategy.LastWriteWins(Duration.ofMillis(100), MONOLITH);

    private SyncFixture sync = new SyncFixture(LWW);

    @AfterEach
    void close() {
        sync.close();
    }

    @Test
    void shouldCopyMonolithInsertToServiceInServiceNamesWithServiceOnlyDefaults() {
        // When
        sync.write(MONOLITH, CREATE, 1, "Ada", "ada@x", 1_000);

        // Then
        ApplyCommand command = sync.onlyApply(SERVICE);
        assertThat(command.getTarget()).isEqualTo("service");
        assertThat(command.getSchema$() + "." + command.getTable()).isEqualTo("crm.client");
        assertThat(command.getOp()).isEqualTo(ApplyOperation.UPSERT);
        assertThat(command.getReason()).isEqualTo(ApplyReason.SYNC);
        assertThat(command.getKey()).isEqualTo(Map.of("id", 1L));
        assertThat(CanonicalRow.fromAvro(command.getRow()).values())
                .isEqualTo(Map.of("id", 1L, "full_name", "Ada", "email", "ada@x", "tier", "basic"));
        assertThat(RowHash.fromBytes(command.getRowHash().bytes())).isEqualTo(SyncFixture.hash(1, "Ada", "ada@x"));
        assertThat(command.getOriginSide()).isEqualTo("monolith");
        assertThat(command.getOriginCommitMicros()).isEqualTo(1_000);
        assertThat(sync.applies(MONOLITH)).isEmpty();
        RowState state = sync.state(1);
        assertThat(state.agreed().hash()).isEqualTo(SyncFixture.hash(1, "Ada", "ada@x"));
        assertThat(state.agreed().origin()).isEqualTo(Origin.MONOLITH);
        assertThat(state.service().pending()).extracting(p -> p.hash()).containsExactly(SyncFixture.hash(1, "Ada", "ada@x"));
        assertThat(state.monolith().last()).isEqualTo(SyncFixture.hash(1, "Ada", "ada@x"));
    }

    @Test
    void shouldDropEchoOfOwnApply() {
        // Given
        sync.write(MONOLITH, CREATE, 1, "Ada", "ada@x", 1_000);
        ApplyCommand command = sync.onlyApply(SERVICE);

        // When
        sync.echo(command, CREATE, 2_000);

        // Then
        assertThat(sync.nothingEmitted()).isTrue();
        RowState state = sync.state(1);
        assertThat(state.service().pending()).isEmpty();
        assertThat(state.service().last()).isEqualTo(state.agreed().hash());
        assertThat(state.confirmed()).isTrue();
        assertThat(sync.metric("echoes-suppressed-total", Map.of())).isEqualTo(1.0);
    }

    @Test
    void shouldOnlyWriteMappedColumnsOnUpdateSoServiceOnlyColumnsKeepTheirValue() {
        // Given
        sync.write(MONOLITH, CREATE, 1, "Ada", "ada@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 2_000);

        // When
        sync.write(MONOLITH, UPDATE, 1, "Ada L", "ada@x", 3_000);

        // Then
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(SERVICE).getRow()).values())
                .isEqualTo(Map.of("id", 1L, "full_name", "Ada L", "email", "ada@x"));
    }

    @Test
    void shouldCopyServiceChangeToMonolithInMonolithNames() {
        // Given
        sync.write(SERVICE, CREATE, 7, "Bob", "bob@x", 1_000);

        // Then
        ApplyCommand command = sync.onlyApply(MONOLITH);
        assertThat(command.getTarget()).isEqualTo("monolith");
        assertThat(command.getSchema$() + "." + command.getTable()).isEqualTo("public.customer");
        assertThat(CanonicalRow.fromAvro(command.getRow()).values())
                .isEqualTo(Map.of("id", 7L, "name", "Bob", "email", "bob@x"));
        assertThat(sync.state(7).agreed().origin()).isEqualTo(Origin.SERVICE);
    }

    @Test
    void shouldIgnoreDuplicateDeliveryAsNoOp() {
        // Given
        sync.write(MONOLITH, CREATE, 1, "Ada", "ada@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 2_000);
        RowState before = sync.state(1);

        // When: the same change delivered again
        sync.write(MONOLITH, CREATE, 1, "Ada", "ada@x", 1_000);

        // Then
        assertThat(sync.nothingEmitted()).isTrue();
        assertThat(sync.state(1).agreed()).isEqualTo(before.agreed());
        assertThat(sync.state(1).service()).isEqualTo(before.service());
        assertThat(sync.state(1).confirmed()).isTrue();
        assertThat(sync.metric("no-ops-total", Map.of())).isEqualTo(1.0);
    }

    @Test
    void shouldAcceptChangeMadeOnTopOfAgreedImageWithoutConflict() {
        // Given: the service holds the monolith's row
        sync.write(MONOLITH, CREATE, 1, "Ada", "ada@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 2_000);

        // When: the service changes it, even with an older clock
        sync.write(SERVICE, UPDATE, 1, "Ada S", "ada@x", 500);

        // Then
        assertThat(sync.conflicts()).isEmpty();
        assertThat(sync.onlyApply(MONOLITH).getReason()).isEqualTo(ApplyReason.SYNC);
        assertThat(sync.state(1).agreed().origin()).isEqualTo(Origin.SERVICE);
        assertThat(sync.state(1).base().hash()).isEqualTo(SyncFixture.hash(1, "Ada", "ada@x"));
    }

    @Test
    void shouldResendAgreedImageWhenEchoRacedWithNewerChange() {
        // Given: both sides hold V0; the monolith changes it to A, which is sent to the service
        sync.write(MONOLITH, CREATE, 1, "V0", "v@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 1_100);
        sync.write(MONOLITH, UPDATE, 1, "A", "v@x", 2_000);
        ApplyCommand toService = sync.onlyApply(SERVICE);

        // When: the service writes L on V0 before A lands (so A overwrites L there), then A's echo arrives
        sync.write(SERVICE, UPDATE, 1, "L", "v@x", 900_000);
        ApplyCommand resend = sync.onlyApply(SERVICE);
        ApplyCommand toMonolith = sync.onlyApply(MONOLITH);
        sync.echo(toService, UPDATE, 900_100);

        // Then: L is newer and wins; the service gets it back because A's apply was in flight, and A's echo is dropped
        assertThat(resend.getReason()).isEqualTo(ApplyReason.RESEND);
        assertThat(CanonicalRow.fromAvro(resend.getRow()).get("full_name")).isEqualTo("L");
        assertThat(toMonolith.getReason()).isEqualTo(ApplyReason.CONFLICT_RESOLUTION);
        assertThat(sync.conflicts()).hasSize(1);
        assertThat(sync.nothingEmitted()).isTrue();
        RowState state = sync.state(1);
        assertThat(state.agreed().hash()).isEqualTo(SyncFixture.hash(1, "L", "v@x"));
        assertThat(state.service().pending()).extracting(p -> p.hash()).containsExactly(SyncFixture.hash(1, "L", "v@x"));

        // And when the re-sent row echoes, everything is settled
        sync.echo(resend, UPDATE, 900_200);
        sync.echo(toMonolith, UPDATE, 900_300);
        assertThat(sync.nothingEmitted()).isTrue();
        assertThat(sync.state(1).confirmed()).isTrue();
    }

    @Test
    void shouldJudgeEchoArrivingAfterTheWaitExpiredAsALocalChangeAndStillConverge() {
        // Given: A sent to the service, the echo wait expired, then the monolith moved on to B, whose wait expired too
        SyncSettings shortWait = SyncSettings.defaults().withExpiry(Duration.ofHours(1), Duration.ofSeconds(5),
                Duration.ofMinutes(1));
        sync.close();
        sync = new SyncFixture(new ConflictStrategy.Priority(MONOLITH), Direction.BOTH, shortWait);
        sync.write(MONOLITH, CREATE, 1, "A", "a@x", 1_000);
        ApplyCommand a = sync.onlyApply(SERVICE);
        sync.advance(Duration.ofSeconds(10));
        sync.write(MONOLITH, UPDATE, 1, "B", "a@x", 2_000);
        ApplyCommand b = sync.onlyApply(SERVICE);
        sync.advance(Duration.ofSeconds(10));

        // When: A's late echo arrives
        sync.echo(a, CREATE, 3_000);

        // Then: it is no longer recognised, so it is a conflicting service change; the strategy keeps B and re-sends it
        assertThat(sync.conflicts()).singleElement().satisfies(c -> assertThat(c.getKind().name()).isEqualTo("UPDATE_UPDATE"));
        ApplyCommand resend = sync.onlyApply(SERVICE);
        assertThat(resend.getReason()).isEqualTo(ApplyReason.CONFLICT_RESOLUTION);
        assertThat(RowHash.fromBytes(resend.getRowHash().bytes())).isEqualTo(RowHash.fromBytes(b.getRowHash().bytes()));
        assertThat(sync.state(1).service().pending()).hasSize(1);
    }

    @Test
    void shouldNotSyncTargetSideChangesBackForOneWayMapping() {
        // Given
        sync.close();
        sync = new SyncFixture(LWW, Direction.MONOLITH_TO_SERVICE, SyncSettings.defaults());
        sync.write(MONOLITH, CREATE, 1, "Ada", "ada@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 2_000);

        // When: the service (the one-way target) writes locally
        sync.write(SERVICE, UPDATE, 1, "Local", "ada@x", 3_000);

        // Then: nothing flows back and the agreed image stays the monolith's
        assertThat(sync.nothingEmitted()).isTrue();
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "Ada", "ada@x"));
        assertThat(sync.metric("one-way-ignored-total", Map.of())).isEqualTo(1.0);

        // And the monolith's next change still reaches the service
        sync.write(MONOLITH, UPDATE, 1, "Ada 2", "ada@x", 4_000);
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(SERVICE).getRow()).get("full_name")).isEqualTo("Ada 2");
    }

    @Test
    void aChangeAtALowerPositionButCommittedLaterIsANewLogAndIsSynced() {
        // Given: a monolith row last changed at binlog position 000007:900 (commit t=2 ms)
        RowChange before = sync.change(MONOLITH, CREATE, 1, SyncFixture.monolithRow(1, "A", "a@x"), 2_000);
        before.setSourcePosition("mysql-bin.000007:900");
        sync.pipe(MONOLITH, before);
        sync.applies(SERVICE);

        // When: after a failover (or RESET MASTER, a restore) the log starts again, and the row is written later
        RowChange after = sync.change(MONOLITH, UPDATE, 1, SyncFixture.monolithRow(1, "B", "a@x"), 9_000);
        after.setSourcePosition("mysql-bin.000001:4");
        sync.pipe(MONOLITH, after);

        // Then: the write reaches the service, the reset is counted, and positions compare within the new log
        assertThat(CanonicalRow.fromAvro(sync.onlyApply(SERVICE).getRow()).get("full_name")).isEqualTo("B");
        assertThat(sync.metric("position-resets-total", Map.of("side", "monolith"))).isEqualTo(1.0);
        assertThat(sync.metric("replays-dropped-total", Map.of())).isZero();
        RowChange redelivered = sync.change(MONOLITH, UPDATE, 1, SyncFixture.monolithRow(1, "B", "a@x"), 9_000);
        redelivered.setSourcePosition("mysql-bin.000001:4");
        sync.pipe(MONOLITH, redelivered);
        assertThat(sync.nothingEmitted()).isTrue();
        assertThat(sync.metric("replays-dropped-total", Map.of())).isEqualTo(1.0);
    }

    @Test
    void shouldDropAChangeCaptureReDeliveredAfterNewerOnes() {
        // Given: two monolith changes at LSNs 0/10 and 0/20, both synced
        RowChange first = sync.change(MONOLITH, CREATE, 1, SyncFixture.monolithRow(1, "A", "a@x"), 1_000);
        first.setSourcePosition("0/10");
        RowChange second = sync.change(MONOLITH, UPDATE, 1, SyncFixture.monolithRow(1, "B", "a@x"), 2_000);
        second.setSourcePosition("0/20");
        sync.pipe(MONOLITH, first);
        sync.pipe(MONOLITH, second);
        sync.applies(SERVICE);
        RowState before = sync.state(1);

        // When: capture restarts and re-delivers the first
        sync.pipe(MONOLITH, first);

        // Then
        assertThat(sync.nothingEmitted()).isTrue();
        assertThat(sync.state(1)).isEqualTo(before);
        assertThat(sync.state(1).agreed().hash()).isEqualTo(SyncFixture.hash(1, "B", "a@x"));
        assertThat(sync.metric("replays-dropped-total", Map.of())).isEqualTo(1.0);
    }

    @Test
    void shouldCountAppliesPerTargetAndMeasureStoreSize() {
        // When
        sync.write(MONOLITH, CREATE, 1, "Ada", "ada@x", 1_000);
        sync.write(MONOLITH, CREATE, 2, "Bob", "bob@x", 1_000);
        sync.write(SERVICE, CREATE, 3, "Cy", "cy@x", 1_000);
        sync.advance(Duration.ofMinutes(2));

        // Then
        assertThat(sync.metric("applies-total", Map.of("target", "service"))).isEqualTo(2.0);
        assertThat(sync.metric("applies-total", Map.of("target", "monolith"))).isEqualTo(1.0);
        assertThat(sync.metric("store-entries", Map.of())).isEqualTo(3.0);
    }
}
