package io.strangler.consistency;

import static io.strangler.consistency.AuditFixture.CONTACTS;
import static io.strangler.consistency.AuditFixture.GRACE;
import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.strangler.consistency.internal.AuditRow;
import io.strangler.core.mapping.Side;
import io.strangler.schemas.Discrepancy;
import io.strangler.schemas.DiscrepancyKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The auditor on a mapping keyed by a unique non-primary column ({@code contacts}, keyed by {@code email}): an UPDATE
 * of the email moves the logical row, and must leave no ghost of it under the old email.
 */
class KeyMoveAuditTest {

    private static final String OLD = "ada@old";
    private static final String NEW = "ada@new";

    private final AuditFixture audit = new AuditFixture(CONTACTS);

    @BeforeEach
    void bothSidesHaveTheContactUnderItsOldEmail() {
        for (Side side : Side.values()) {
            audit.change(CONTACTS, side, READ, Map.of("id", 1L), contact(OLD), List.of());
        }
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void shouldFindNoDiscrepancyWhenBothSidesMoveTheKey() {
        // When both sides change the email (the service by the sync's copy)
        moveOn(MONOLITH);
        moveOn(SERVICE);
        audit.advance(GRACE.multipliedBy(3));

        // Then nothing is reported: the old email is gone on both sides, the new one agrees
        assertThat(audit.discrepancies()).isEmpty();
        AuditRow old = row(OLD);
        assertThat(old.monolith().present()).isFalse();
        assertThat(old.service().present()).isFalse();
        AuditRow moved = row(NEW);
        assertThat(moved.monolith().hash()).isEqualTo(moved.service().hash());
        assertThat(moved.divergedAtMillis()).isEqualTo(-1);
    }

    @Test
    void shouldReportBothKeysWhenOnlyOneSideMovesTheKey() {
        // When only the monolith changes the email, and the service does not follow within grace
        moveOn(MONOLITH);
        audit.advance(GRACE.plusSeconds(1));

        // Then the old email is missing on the monolith (the service still has it) and the new one missing on the service
        assertThat(audit.discrepancies()).extracting(Discrepancy::getKey, Discrepancy::getKind)
                .containsExactlyInAnyOrder(
                        tuple(Map.of("email", OLD), DiscrepancyKind.MISSING_ON_MONOLITH),
                        tuple(Map.of("email", NEW), DiscrepancyKind.MISSING_ON_SERVICE));
        assertThat(row(OLD).monolith().present()).isFalse();
        assertThat(row(OLD).service().present()).isTrue();
    }

    private void moveOn(Side side) {
        audit.update(CONTACTS, side, Map.of("id", 1L), contact(OLD), contact(NEW));
    }

    private AuditRow row(String email) {
        return audit.rows().get(AuditFixture.rowKey(AuditFixture.CONTACTS.name(), "email", email));
    }

    private static Map<String, Object> contact(String email) {
        return Map.of("id", 1L, "email", email, "name", "Ada");
    }
}
