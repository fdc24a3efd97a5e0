package io.strangler.consistency;

import static io.strangler.consistency.AuditFixture.CUSTOMERS;
import static io.strangler.consistency.AuditFixture.GRACE;
import static io.strangler.consistency.AuditFixture.ORDERS;
import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.DELETE;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strangler.schemas.ConsistencyCounts;
import io.strangler.schemas.ConsistencyStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The periodic status: counts per mapping and overall, percentage, alert raise and clear, metrics. */
class ConsistencyStatusTest {

    private final AuditFixture audit = new AuditFixture(CUSTOMERS, ORDERS);

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void shouldReportOneHundredPercentAndNoAlertWhenNothingIsTracked() {
        // When the first statuses are emitted
        ConsistencyStatus status = audit.latestStatus();

        // Then every mapping is listed with zero rows, 100 %, no alert
        assertThat(status.getOverall().getMapping()).isEqualTo("*");
        assertThat(status.getOverall().getRowsTracked()).isZero();
        assertThat(status.getOverall().getConsistencyPercent()).isEqualTo(100.0);
        assertThat(status.getMappings()).extracting(ConsistencyCounts::getMapping).containsExactly("customers", "orders");
        assertThat(status.getAlert()).isFalse();
        assertThat(status.getAlertSinceMicros()).isNull();
        assertThat(status.getThresholdPercent()).isEqualTo(90.0);
        assertThat(status.getPartitionsReporting()).isEqualTo(1);
    }

    @Test
    void shouldCountAgreementPendingAndOpenPerMappingAndOverall() {
        // Given 8 customers that agree, 1 customer that differs past grace, 1 order only the monolith has (past
        // grace) and 1 customer only the monolith has, written just now (pending)
        for (long id = 1; id <= 8; id++) {
            audit.customer(MONOLITH, CREATE, id, "C" + id, id + "@x");
            audit.customer(SERVICE, CREATE, id, "C" + id, id + "@x");
        }
        audit.customer(MONOLITH, CREATE, 9, "Ada", "ada@x");
        audit.customer(SERVICE, CREATE, 9, "Eve", "ada@x");
        audit.change(ORDERS, MONOLITH, CREATE, Map.of("id", 1L), Map.of("id", 1L, "total", "9.90", "internal_note", "x"),
                List.of());
        audit.advance(GRACE.plusSeconds(1));
        audit.customer(MONOLITH, CREATE, 10, "New", "new@x");

        // When the status is emitted
        ConsistencyStatus status = audit.latestStatus();

        // Then
        ConsistencyCounts customers = status.getMappings().get(0);
        assertThat(customers.getRowsTracked()).isEqualTo(10);
        assertThat(customers.getRowsInAgreement()).isEqualTo(8);
        assertThat(customers.getRowsPending()).isEqualTo(1);
        assertThat(customers.getOpenDiscrepancies()).isEqualTo(1);
        assertThat(customers.getConsistencyPercent()).isCloseTo(90.0, within(1e-9));
        assertThat(customers.getBelowThreshold()).isFalse();
        ConsistencyCounts orders = status.getMappings().get(1);
        assertThat(orders.getRowsTracked()).isEqualTo(1);
        assertThat(orders.getOpenDiscrepancies()).isEqualTo(1);
        assertThat(orders.getConsistencyPercent()).isZero();
        assertThat(orders.getBelowThreshold()).isTrue();
        ConsistencyCounts overall = status.getOverall();
        assertThat(overall.getRowsTracked()).isEqualTo(11);
        assertThat(overall.getRowsInAgreement()).isEqualTo(8);
        assertThat(overall.getOpenDiscrepancies()).isEqualTo(2);
        assertThat(overall.getConsistencyPercent()).isCloseTo(100.0 * 9 / 11, within(1e-9));
    }

    @Test
    void shouldCountARowWithinGraceAsPendingAndLaterAsOpen() {
        // Given a row only the monolith has
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");

        // When a status is emitted within the grace period (two 2 s intervals < 5 s)
        ConsistencyStatus within = audit.latestStatus();

        // Then it is pending, which does not lower the percentage
        assertThat(within.getOverall().getRowsPending()).isEqualTo(1);
        assertThat(within.getOverall().getOpenDiscrepancies()).isZero();
        assertThat(within.getOverall().getConsistencyPercent()).isEqualTo(100.0);

        // When the grace period has expired
        ConsistencyStatus after = audit.latestStatus();

        // Then it is open
        assertThat(after.getOverall().getRowsPending()).isZero();
        assertThat(after.getOverall().getOpenDiscrepancies()).isEqualTo(1);
        assertThat(after.getOverall().getConsistencyPercent()).isZero();
    }

    @Test
    void shouldRaiseTheAlertBelowTheThresholdAndClearItWhenRecovered() {
        // Given 2 agreeing customers and 1 that differs past grace: 66.7 % < 90 %
        audit.customer(MONOLITH, CREATE, 1, "A", "a@x");
        audit.customer(SERVICE, CREATE, 1, "A", "a@x");
        audit.customer(MONOLITH, CREATE, 2, "B", "b@x");
        audit.customer(SERVICE, CREATE, 2, "B", "b@x");
        audit.customer(MONOLITH, CREATE, 3, "C", "c@x");
        audit.customer(SERVICE, CREATE, 3, "X", "c@x");
        audit.advance(GRACE.plusSeconds(1));

        // When the status is emitted
        ConsistencyStatus raised = audit.latestStatus();

        // Then the alert is raised: event flag, since, metrics
        assertThat(raised.getAlert()).isTrue();
        assertThat(raised.getAlertSinceMicros()).isNotNull();
        assertThat(raised.getOverall().getConsistencyPercent()).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(audit.metric("alert")).isEqualTo(1.0);
        assertThat(audit.metric("consistency-percent")).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(audit.metric("open-discrepancies")).isEqualTo(1.0);

        // When the row is repaired
        audit.customer(SERVICE, UPDATE, 3, "C", "c@x");
        ConsistencyStatus cleared = audit.latestStatus();

        // Then the alert is cleared
        assertThat(cleared.getAlert()).isFalse();
        assertThat(cleared.getAlertSinceMicros()).isNull();
        assertThat(cleared.getOverall().getConsistencyPercent()).isEqualTo(100.0);
        assertThat(audit.metric("alert")).isZero();
    }

    @Test
    void shouldNotCountRowsDeletedOnBothSides() {
        // Given one row that agrees and one deleted on both sides
        audit.customer(MONOLITH, CREATE, 1, "A", "a@x");
        audit.customer(SERVICE, CREATE, 1, "A", "a@x");
        audit.customer(MONOLITH, CREATE, 2, "B", "b@x");
        audit.customer(SERVICE, CREATE, 2, "B", "b@x");
        audit.customer(MONOLITH, DELETE, 2, null, null);
        audit.customer(SERVICE, DELETE, 2, null, null);

        // When the status is emitted
        ConsistencyStatus status = audit.latestStatus();

        // Then only the live row is tracked, and it agrees
        assertThat(status.getOverall().getRowsTracked()).isEqualTo(1);
        assertThat(status.getOverall().getRowsInAgreement()).isEqualTo(1);
        assertThat(status.getAlert()).isFalse();
    }
}
