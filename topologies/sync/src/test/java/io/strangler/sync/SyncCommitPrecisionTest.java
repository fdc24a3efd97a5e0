package io.strangler.sync;

import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.core.mapping.ConflictStrategy;
import io.strangler.core.mapping.Direction;
import io.strangler.core.row.Engine;
import io.strangler.schemas.Conflict;
import io.strangler.schemas.ConflictWinner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Last-write-wins across engines: a PostgreSQL monolith stamps commits to the microsecond, a MariaDB service to the
 * second (binlog event time). A MariaDB write stamped 10 s happened in [10 s, 11 s), so it is ordered against a
 * PostgreSQL write only when the two intervals are further apart than the clock-skew window; closer, the priority side
 * wins instead of the digits a coarse clock does not have.
 */
class SyncCommitPrecisionTest {

    /** Last-write-wins with a 100 ms window, ties to the service: a tie shows as the service winning. */
    private static final ConflictStrategy LWW_SERVICE = new ConflictStrategy.LastWriteWins(Duration.ofMillis(100), SERVICE);

    private SyncFixture sync;

    @AfterEach
    void close() {
        sync.close();
    }

    private void agreedV0(CommitPrecision precision) {
        sync = new SyncFixture(LWW_SERVICE, Direction.BOTH, SyncSettings.defaults().withCommitPrecision(precision));
        sync.write(MONOLITH, CREATE, 1, "V0", "v@x", 1_000);
        sync.echo(sync.onlyApply(SERVICE), CREATE, 1_100);
    }

    /** The monolith writes at {@code monolithMicros}, the service (not yet seeing it) at {@code serviceMicros}. */
    private Conflict race(long monolithMicros, long serviceMicros) {
        sync.write(MONOLITH, UPDATE, 1, "M", "v@x", monolithMicros);
        sync.write(SERVICE, UPDATE, 1, "S", "v@x", serviceMicros);
        List<Conflict> conflicts = sync.conflicts();
        assertThat(conflicts).hasSize(1);
        return conflicts.get(0);
    }

    @Test
    void aPostgresWriteInsideTheSecondOfAMariaDbStampIsATie() {
        agreedV0(CommitPrecision.of(Engine.POSTGRESQL, Engine.MARIADB));

        // the service's write, stamped 10 s, may have happened after the monolith's at 10.5 s
        Conflict conflict = race(10_500_000, 10_000_000);

        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.SERVICE);
        assertThat(conflict.getReason()).contains("priority side service", "1000000 µs (service)");
    }

    @Test
    void withExactClocksTheSameStampsAreOrdered() {
        agreedV0(CommitPrecision.EXACT);

        Conflict conflict = race(10_500_000, 10_000_000);

        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.MONOLITH);
        assertThat(conflict.getReason()).contains("newer commit");
    }

    @Test
    void aPostgresWriteAfterTheWholeSecondAndTheWindowWins() {
        agreedV0(CommitPrecision.of(Engine.POSTGRESQL, Engine.MARIADB));

        // the service's write happened before 11 s; the monolith's at 11.2 s is later beyond the 100 ms window
        Conflict conflict = race(11_200_000, 10_000_000);

        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.MONOLITH);
    }

    @Test
    void aMariaDbSecondStartingAfterThePostgresWriteAndTheWindowWins() {
        agreedV0(CommitPrecision.of(Engine.POSTGRESQL, Engine.MARIADB));

        // the monolith wrote at 9.8 s; the service's write stamped 10 s happened at 10 s or later
        Conflict conflict = race(9_800_000, 10_000_000);

        assertThat(conflict.getWinner()).isEqualTo(ConflictWinner.SERVICE);
        assertThat(conflict.getReason()).contains("newer commit");
    }
}
