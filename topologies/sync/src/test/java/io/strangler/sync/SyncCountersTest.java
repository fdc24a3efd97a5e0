package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Side;
import io.strangler.core.row.CanonicalRow;
import io.strangler.schemas.ApplyCommand;
import io.strangler.schemas.ApplyOperation;
import io.strangler.schemas.ChangeOrigin;
import io.strangler.schemas.Operation;
import io.strangler.schemas.RowChange;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync's counter rules, one case each; {@link SyncCounterModelTest} runs them together at random. */
class SyncCountersTest {

    private final SyncFixture sync = new SyncFixture(SyncCounterModelTest.wallets(
            new ConflictStrategy.LastWriteWins(Duration.ZERO, MONOLITH)), SyncSettings.defaults(),
            SyncTopology.Stores.ROCKSDB);
    private long lsn;

    @BeforeEach
    void walletOneOpensOnTheMonolithAndReachesTheService() {
        pipe(MONOLITH, Operation.CREATE, null, wallet("ada", 100), 1_000, ChangeOrigin.LOCAL);
        ApplyCommand copy = sync.onlyApply(SERVICE);
        assertThat(copy.getOp()).isEqualTo(ApplyOperation.UPSERT);
        pipe(SERVICE, Operation.CREATE, null, wallet("ada", 100), 2_000, ChangeOrigin.APPLY);
        assertThat(sync.nothingEmitted()).isTrue();
    }

    @AfterEach
    void close() {
        sync.close();
    }

    @Test
    void shouldSendAnUpdateOfTheCounterAloneAsAnIncrementOfItsDelta() {
        // When the monolith takes 30 from the balance
        pipe(MONOLITH, Operation.UPDATE, wallet("ada", 100), wallet("ada", 70), 3_000, ChangeOrigin.LOCAL);

        // Then the service is told to add -30 to whatever it holds, not to set 70
        ApplyCommand apply = sync.onlyApply(SERVICE);
        assertThat(apply.getOp()).isEqualTo(ApplyOperation.INCREMENT);
        assertThat(increments(apply)).isEqualTo(Map.of("balance", -30L));
    }

    @Test
    void shouldCarryTheDeltaBesideTheImageWhenOtherColumnsChangeToo() {
        // When the service renames the owner and adds 5 in one update
        pipe(SERVICE, Operation.UPDATE, wallet("ada", 100), wallet("bob", 105), 3_000, ChangeOrigin.LOCAL);

        // Then the monolith gets the new owner as an image and +5 as an increment; the balance is not in the image
        ApplyCommand apply = sync.onlyApply(MONOLITH);
        assertThat(apply.getOp()).isEqualTo(ApplyOperation.UPSERT);
        assertThat(CanonicalRow.fromAvro(apply.getRow()).values()).containsEntry("owner", "bob")
                .doesNotContainKey("balance");
        assertThat(increments(apply)).isEqualTo(Map.of("balance", 5L));
    }

    @Test
    void shouldSendBothSidesConcurrentIncrementsAcross() {
        // When both sides add to the balance before either hears of the other's write
        pipe(MONOLITH, Operation.UPDATE, wallet("ada", 100), wallet("ada", 110), 3_000, ChangeOrigin.LOCAL);
        pipe(SERVICE, Operation.UPDATE, wallet("ada", 100), wallet("ada", 125), 3_100, ChangeOrigin.LOCAL);

        // Then each side is sent the other's delta: both end at 135
        assertThat(increments(sync.onlyApply(SERVICE))).isEqualTo(Map.of("balance", 10L));
        assertThat(increments(sync.onlyApply(MONOLITH))).isEqualTo(Map.of("balance", 25L));
    }

    @Test
    void shouldAddNothingForTheEchoOfAnIncrementNorForAReDeliveredChange() {
        // Given the monolith's -30 sent to the service
        RowChange local = pipe(MONOLITH, Operation.UPDATE, wallet("ada", 100), wallet("ada", 70), 3_000,
                ChangeOrigin.LOCAL);
        sync.onlyApply(SERVICE);

        // When the service's log shows the increment landing, and capture re-delivers the monolith's change
        pipe(SERVICE, Operation.UPDATE, wallet("ada", 100), wallet("ada", 70), 4_000, ChangeOrigin.APPLY);
        sync.pipe(MONOLITH, local);

        // Then nothing more is sent either way
        assertThat(sync.applies(MONOLITH)).isEmpty();
        assertThat(sync.applies(SERVICE)).isEmpty();
    }

    @Test
    void shouldNotSendADeltaOfUnknownOriginAndCountIt() {
        // When a change of the balance arrives without an origin (capture could not attribute it)
        pipe(SERVICE, Operation.UPDATE, wallet("ada", 100), wallet("ada", 90), 3_000, null);

        // Then no increment goes to the monolith (it may be the sync's own write) and the metric says so
        assertThat(sync.applies(MONOLITH)).extracting(kv -> kv.value.getOp())
                .doesNotContain(ApplyOperation.INCREMENT);
        assertThat(sync.applies(MONOLITH)).allSatisfy(kv -> assertThat(kv.value.getIncrements()).isNullOrEmpty());
        assertThat(sync.metric("counters-unattributed-total", Map.of("side", "service"))).isEqualTo(1.0);
    }

    @Test
    void shouldReCreateARowDeletedOnTheOtherSideWithTheWholeValuesOfTheLaterUpdate() {
        // Given the monolith deleted the wallet, and the deletion is on its way to the service
        pipe(MONOLITH, Operation.DELETE, wallet("ada", 100), null, 3_000, ChangeOrigin.LOCAL);
        assertThat(sync.onlyApply(SERVICE).getOp()).isEqualTo(ApplyOperation.DELETE);

        // When the service, later by the clock, adds 7 to the wallet (last write wins: the update beats the delete)
        pipe(SERVICE, Operation.UPDATE, wallet("ada", 100), wallet("ada", 107), 3_100, ChangeOrigin.LOCAL);

        // Then the monolith re-creates the row with the whole balance, 107, not an increment of 7 to nothing
        ApplyCommand apply = sync.onlyApply(MONOLITH);
        assertThat(apply.getOp()).isEqualTo(ApplyOperation.UPSERT);
        Map<String, Object> created = new LinkedHashMap<>(CanonicalRow.fromAvro(apply.getInsertOnly()).values());
        created.putAll(CanonicalRow.fromAvro(apply.getRow()).values());
        assertThat(created).containsEntry("balance", 107L).containsEntry("owner", "ada");
    }

    @Test
    void shouldDropTheDeltaOfAnUpdateTheDeleteBeats() {
        // Given the monolith deleted the wallet
        pipe(MONOLITH, Operation.DELETE, wallet("ada", 100), null, 3_000, ChangeOrigin.LOCAL);
        sync.onlyApply(SERVICE);

        // When an earlier update of the service (by the clock) arrives: the delete wins
        pipe(SERVICE, Operation.UPDATE, wallet("ada", 100), wallet("ada", 107), 2_900, ChangeOrigin.LOCAL);

        // Then the monolith is sent nothing, no increment of a row that is gone
        assertThat(sync.applies(MONOLITH)).isEmpty();
    }

    private RowChange pipe(Side side, Operation op, Map<String, Object> before, Map<String, Object> after, long micros,
                           ChangeOrigin origin) {
        RowChange change = sync.change(side, op, 1, before, after, micros);
        change.setOrigin(origin);
        change.setSourcePosition(String.format("0/%X", ++lsn * 64));
        sync.pipe(side, change);
        return change;
    }

    private static Map<String, Object> wallet(String owner, long balance) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1L);
        row.put("owner", owner);
        row.put("balance", balance);
        return row;
    }

    private static Map<String, Object> increments(ApplyCommand apply) {
        return apply.getIncrements() == null ? Map.of() : CanonicalRow.fromAvro(apply.getIncrements()).values();
    }
}
