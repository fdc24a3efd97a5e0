package io.strangler.consistency;

import static io.strangler.consistency.AuditFixture.CUSTOMERS;
import static io.strangler.consistency.AuditFixture.GRACE;
import static io.strangler.consistency.AuditFixture.MAPPING;
import static io.strangler.consistency.AuditFixture.TOMBSTONE_RETENTION;
import static io.strangler.consistency.AuditFixture.hash;
import static io.strangler.consistency.AuditFixture.rowKey;
import static io.strangler.core.mapping.Side.MONOLITH;
import static io.strangler.core.mapping.Side.SERVICE;
import static io.strangler.schemas.Operation.CREATE;
import static io.strangler.schemas.Operation.DELETE;
import static io.strangler.schemas.Operation.READ;
import static io.strangler.schemas.Operation.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strangler.consistency.internal.AuditRow;
import io.strangler.schemas.Discrepancy;
import io.strangler.schemas.DiscrepancyKind;
import io.strangler.schemas.DiscrepancyStatus;
import io.strangler.core.registry.InMemorySchemaRegistryClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The auditor's rules, one per test, on a TopologyTestDriver. */
class ConsistencyTopologyTest {

    private final AuditFixture audit = new AuditFixture(CUSTOMERS);

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void shouldTrackRowsThatAgreeAcrossRenamesWithoutAnyEvent() {
        // Given the same customer on both sides; the service spells name as full_name and has its own tenant column
        audit.customer(MONOLITH, READ, 1, "Ada", "ada@x");
        audit.customer(SERVICE, READ, 1, "Ada", "ada@x");

        // When far more than the grace period passes
        audit.advance(GRACE.multipliedBy(3));

        // Then nothing is reported, and the store holds equal hashes over the logical columns
        assertThat(audit.discrepancies()).isEmpty();
        AuditRow row = audit.row(MAPPING, 1);
        assertThat(row.monolith().hash()).isEqualTo(hash(1, "Ada", "ada@x")).isEqualTo(row.service().hash());
        assertThat(row.service().row().values()).containsOnlyKeys("id", "name", "email");
        assertThat(row.divergedAtMillis()).isEqualTo(-1);
        assertThat(audit.timers()).isEmpty();
    }

    @Test
    void shouldNotReportADisagreementBeforeTheGracePeriodExpires() {
        // Given a row only the monolith has (the sync has not copied it yet)
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");

        // When less than the grace period passes
        audit.advance(GRACE.minusSeconds(1));

        // Then nothing is reported yet, but the row is remembered as disagreeing with a due time
        assertThat(audit.discrepancies()).isEmpty();
        assertThat(audit.row(MAPPING, 1).divergedAtMillis()).isPositive();
        assertThat(audit.row(MAPPING, 1).reportedKind()).isNull();
        assertThat(audit.timers()).containsExactly(rowKey(MAPPING, 1));
        assertThat(audit.row(MAPPING, 1).dueMillis()).isEqualTo(audit.row(MAPPING, 1).divergedAtMillis() + GRACE.toMillis());
    }

    @Test
    void shouldWaitForALaggingCaptureAndReportOnceItHasPublishedTheGracePeriodPastTheRow() {
        // Given the service's capture has published nothing recent, and a row only the monolith has
        audit.progress(SERVICE, 1_000);
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");
        long changed = audit.lastCommitMicros();
        audit.progress(MONOLITH, changed + GRACE.toMillis() * 1000 * 10);

        // When far more than the grace period passes on the wall clock
        audit.advance(GRACE.multipliedBy(3));

        // Then nothing is reported: the service's copy may simply not be captured yet
        assertThat(audit.discrepancies()).isEmpty();
        assertThat(audit.row(MAPPING, 1).reportedKind()).isNull();

        // When the service's capture reports progress up to the grace period past the change
        audit.progress(SERVICE, changed + GRACE.toMillis() * 1000);
        audit.advance(GRACE);

        // Then the row is reported: the service really lacks it
        assertThat(audit.discrepancies()).extracting(Discrepancy::getKind)
                .containsExactly(DiscrepancyKind.MISSING_ON_SERVICE);
    }

    @Test
    void shouldTreatASnapshotRowTheOtherSideHasNeverShownAsTheInitialCopyInFlight() {
        // Given the monolith's snapshot of a row the empty service has not received yet (the sync's bootstrap copy)
        audit.customer(MONOLITH, READ, 1, "Ada", "ada@x");

        // When many grace periods pass
        audit.advance(GRACE.multipliedBy(5));

        // Then it is not a discrepancy yet: copying a whole monolith takes longer than a grace period
        assertThat(audit.discrepancies()).isEmpty();

        // When the copy never arrives within the maximum wait
        audit.advance(ConsistencySettings.defaults().maxLagWait());

        // Then it is reported
        assertThat(audit.discrepancies()).extracting(Discrepancy::getKind)
                .containsExactly(DiscrepancyKind.MISSING_ON_SERVICE);
    }

    @Test
    void shouldReportDespiteAStuckCaptureOnceTheMaximumLagWaitHasPassed() {
        // Given a capture that stopped publishing long ago, and a row the monolith alone has
        audit.progress(SERVICE, 1_000);
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");

        // When the grace period and the maximum wait for a lagging capture pass
        audit.advance(GRACE.plus(ConsistencySettings.defaults().maxLagWait()).plusSeconds(2));

        // Then the row is reported anyway: a stuck capture must not hide discrepancies for ever
        assertThat(audit.discrepancies()).extracting(Discrepancy::getKind)
                .containsExactly(DiscrepancyKind.MISSING_ON_SERVICE);
    }

    @Test
    void shouldReportMissingOnServiceWhenOnlyTheMonolithHasTheRowAfterGrace() {
        // Given a row only the monolith has
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");

        // When the grace period expires
        audit.advance(GRACE.plusSeconds(1));

        // Then one OPEN discrepancy of kind MISSING_ON_SERVICE with the monolith's hash and row
        Discrepancy event = single(audit.discrepancies());
        assertThat(event.getMapping()).isEqualTo(MAPPING);
        assertThat(event.getKey()).isEqualTo(Map.of("id", 1L));
        assertThat(event.getStatus()).isEqualTo(DiscrepancyStatus.OPEN);
        assertThat(event.getKind()).isEqualTo(DiscrepancyKind.MISSING_ON_SERVICE);
        assertThat(event.getDifferingColumns()).isEmpty();
        assertThat(event.getMonolithHash()).isEqualTo(hash(1, "Ada", "ada@x").toString());
        assertThat(event.getServiceHash()).isNull();
        assertThat(event.getMonolithRow()).containsEntry("name", "Ada");
        assertThat(event.getSinceMicros()).isPositive();
        assertThat(audit.row(MAPPING, 1).reportedKind()).isEqualTo(DiscrepancyKind.MISSING_ON_SERVICE);
    }

    @Test
    void shouldReportMissingOnMonolithWhenOnlyTheServiceHasTheRow() {
        // Given a row only the service has
        audit.customer(SERVICE, CREATE, 7, "Bob", "bob@x");

        // When the grace period expires
        audit.advance(GRACE.plusSeconds(1));

        // Then it is MISSING_ON_MONOLITH, keyed by mapping and logical key
        assertThat(audit.discrepancyKeys()).containsExactly(rowKey(MAPPING, 7));
        assertThat(audit.row(MAPPING, 7).reportedKind()).isEqualTo(DiscrepancyKind.MISSING_ON_MONOLITH);
    }

    @Test
    void shouldReportDifferentWithTheLogicalNamesOfTheDifferingColumns() {
        // Given both sides have the row but the service's full_name and email differ
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");
        audit.customer(SERVICE, CREATE, 1, "Ada L.", "ada@y");

        // When the grace period expires
        audit.advance(GRACE.plusSeconds(1));

        // Then DIFFERENT names the columns by their logical (monolith) names, in mapping order
        Discrepancy event = single(audit.discrepancies());
        assertThat(event.getKind()).isEqualTo(DiscrepancyKind.DIFFERENT);
        assertThat(event.getDifferingColumns()).containsExactly("name", "email");
        assertThat(event.getMonolithHash()).isEqualTo(hash(1, "Ada", "ada@x").toString());
        assertThat(event.getServiceHash()).isEqualTo(hash(1, "Ada L.", "ada@y").toString());
        assertThat(event.getServiceRow()).containsEntry("name", "Ada L.").doesNotContainKey("full_name");
    }

    @Test
    void shouldReportResolvedWhenAReportedRowAgreesAgain() {
        // Given a reported DIFFERENT row
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");
        audit.customer(SERVICE, CREATE, 1, "Ada", "old@x");
        audit.advance(GRACE.plusSeconds(1));
        assertThat(single(audit.discrepancies()).getStatus()).isEqualTo(DiscrepancyStatus.OPEN);

        // When the service is repaired
        audit.customer(SERVICE, UPDATE, 1, "Ada", "ada@x");

        // Then a RESOLVED event at once, and the store forgets the disagreement
        Discrepancy resolved = single(audit.discrepancies());
        assertThat(resolved.getStatus()).isEqualTo(DiscrepancyStatus.RESOLVED);
        assertThat(resolved.getKind()).isEqualTo(DiscrepancyKind.DIFFERENT);
        assertThat(resolved.getMonolithHash()).isEqualTo(resolved.getServiceHash());
        AuditRow row = audit.row(MAPPING, 1);
        assertThat(row.reportedKind()).isNull();
        assertThat(row.divergedAtMillis()).isEqualTo(-1);
        audit.advance(GRACE.multipliedBy(2));
        assertThat(audit.discrepancies()).isEmpty();
    }

    @Test
    void shouldStaySilentWhenADisagreementEndsWithinGrace() {
        // Given the monolith's insert, which the sync copies 2 s later
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");
        audit.advance(Duration.ofSeconds(2));
        audit.customer(SERVICE, CREATE, 1, "Ada", "ada@x");

        // When the original grace period would have expired
        audit.advance(GRACE.plusSeconds(1));

        // Then neither an OPEN nor a RESOLVED event was emitted, and no timer is left
        assertThat(audit.discrepancies()).isEmpty();
        assertThat(audit.timers()).isEmpty();
    }

    @Test
    void shouldReEmitAnOpenDiscrepancyWhenItsDifferingColumnsChange() {
        // Given a reported difference in name
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");
        audit.customer(SERVICE, CREATE, 1, "Bob", "ada@x");
        audit.advance(GRACE.plusSeconds(1));
        assertThat(single(audit.discrepancies()).getDifferingColumns()).containsExactly("name");

        // When the service's email changes too, and stays so for a grace period
        audit.customer(SERVICE, UPDATE, 1, "Bob", "bob@x");
        assertThat(audit.discrepancies()).isEmpty();
        audit.advance(GRACE.plusSeconds(1));

        // Then an updated OPEN event names both columns
        Discrepancy updated = single(audit.discrepancies());
        assertThat(updated.getStatus()).isEqualTo(DiscrepancyStatus.OPEN);
        assertThat(updated.getDifferingColumns()).containsExactly("name", "email");
        assertThat(audit.row(MAPPING, 1).reportedColumns()).containsExactly("name", "email");
    }

    @Test
    void shouldNotReEmitWhenAChangedDiscrepancyReturnsToTheReportedShapeWithinGrace() {
        // Given a reported difference in name
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");
        audit.customer(SERVICE, CREATE, 1, "Bob", "ada@x");
        audit.advance(GRACE.plusSeconds(1));
        audit.discrepancies();

        // When the email differs for a moment, then matches again
        audit.customer(SERVICE, UPDATE, 1, "Bob", "bob@x");
        audit.advance(Duration.ofSeconds(1));
        audit.customer(SERVICE, UPDATE, 1, "Bob", "ada@x");
        audit.advance(GRACE.plusSeconds(1));

        // Then nothing new is reported and no timer is left
        assertThat(audit.discrepancies()).isEmpty();
        assertThat(audit.row(MAPPING, 1).reportedColumns()).containsExactly("name");
        assertThat(audit.timers()).isEmpty();
    }

    @Test
    void shouldReportADeleteOnOneSideAsMissingOnThatSide() {
        // Given an agreed row
        audit.customer(MONOLITH, READ, 1, "Ada", "ada@x");
        audit.customer(SERVICE, READ, 1, "Ada", "ada@x");

        // When the service deletes it and the delete is not mirrored within grace
        audit.customer(SERVICE, DELETE, 1, null, null);
        audit.advance(GRACE.plusSeconds(1));

        // Then MISSING_ON_SERVICE, and the store remembers the service's deletion
        assertThat(single(audit.discrepancies()).getKind()).isEqualTo(DiscrepancyKind.MISSING_ON_SERVICE);
        assertThat(audit.row(MAPPING, 1).service().present()).isFalse();
    }

    @Test
    void shouldTakeARowDeletedOnBothSidesAsAgreementAndForgetItAfterTheRetention() {
        // Given a row both sides deleted (after a reported difference, to see it resolve)
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");
        audit.customer(SERVICE, CREATE, 1, "Bob", "ada@x");
        audit.advance(GRACE.plusSeconds(1));
        audit.discrepancies();
        audit.customer(MONOLITH, DELETE, 1, null, null);
        audit.customer(SERVICE, DELETE, 1, null, null);

        // Then it resolves (the passing MISSING_ON_MONOLITH shape was never reported) and is kept as a tombstone until the retention expires
        assertThat(single(audit.discrepancies()).getStatus()).isEqualTo(DiscrepancyStatus.RESOLVED);
        assertThat(audit.row(MAPPING, 1).deletedAtMillis()).isPositive();
        audit.advance(TOMBSTONE_RETENTION.minusSeconds(5));
        assertThat(audit.row(MAPPING, 1)).isNotNull();
        audit.advance(Duration.ofSeconds(10));
        assertThat(audit.row(MAPPING, 1)).isNull();
        assertThat(audit.timers()).isEmpty();
        assertThat(audit.discrepancies()).isEmpty();
    }

    @Test
    void shouldIgnoreColumnsThatExistOnOneSideOnly() {
        // Given rows equal in the mapped columns, different in legacy_flag (monolith-only) and tenant (service-only)
        audit.change(CUSTOMERS, MONOLITH, CREATE, Map.of("id", 1L),
                Map.of("id", 1L, "name", "Ada", "email", "a@x", "legacy_flag", "Y"), List.of());
        audit.change(CUSTOMERS, SERVICE, CREATE, Map.of("id", 1L),
                Map.of("id", 1L, "full_name", "Ada", "email", "a@x", "tenant", "other"), List.of());

        // When the grace period expires
        audit.advance(GRACE.plusSeconds(1));

        // Then they agree
        assertThat(audit.discrepancies()).isEmpty();
        assertThat(audit.row(MAPPING, 1).monolith().hash()).isEqualTo(audit.row(MAPPING, 1).service().hash());
    }

    @Test
    void shouldKeepTheEarlierValueOfAColumnTheSourceCouldNotProvide() {
        // Given an agreed row
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");
        audit.customer(SERVICE, CREATE, 1, "Ada", "ada@x");

        // When the monolith updates the row without providing name (an unchanged TOAST value)
        audit.change(CUSTOMERS, MONOLITH, UPDATE, Map.of("id", 1L),
                Map.of("id", 1L, "name", "__debezium_unavailable_value", "email", "ada@x", "legacy_flag", "N"),
                List.of("name"));
        audit.advance(GRACE.plusSeconds(1));

        // Then the earlier name is kept and the sides still agree
        assertThat(audit.discrepancies()).isEmpty();
        assertThat(audit.row(MAPPING, 1).monolith().row().get("name")).isEqualTo("Ada");
    }

    @Test
    void shouldIgnoreAChangeOlderThanTheOneAlreadySeenFromTheSameSide() {
        // Given the monolith's row committed at 10 s
        audit.commitClock(10_000_000);
        audit.customer(MONOLITH, CREATE, 1, "Ada", "ada@x");

        // When an older change of the same side arrives (re-keyed streams may reorder across partitions)
        audit.commitClock(2_000_000);
        audit.customer(MONOLITH, UPDATE, 1, "Old", "old@x");

        // Then the stored image is unchanged
        assertThat(audit.row(MAPPING, 1).monolith().row().get("name")).isEqualTo("Ada");
        assertThat(audit.row(MAPPING, 1).monolith().hash()).isEqualTo(hash(1, "Ada", "ada@x"));
    }

    @Test
    void shouldSkipRecordsItCannotReadWithoutStopping() {
        // Given a change without an after image (unreadable for the audit) followed by a good one
        audit.change(CUSTOMERS, MONOLITH, UPDATE, Map.of("id", 1L), null, List.of());
        audit.customer(MONOLITH, CREATE, 2, "Ada", "ada@x");

        // Then the bad one is skipped and the good one tracked
        assertThat(audit.row(MAPPING, 1)).isNull();
        assertThat(audit.row(MAPPING, 2)).isNotNull();
    }

    @Test
    void shouldReadOnlyTheCaptureTopicsOfBothSidesAndNothingOfTheSync() {
        // Given the topology for the customers mapping
        Topology topology = ConsistencyTopology.build(audit.settings, List.of(CUSTOMERS),
                ConsistencySerdes.avro(new InMemorySchemaRegistryClient()));

        // When its external source topics are listed (internal repartition topics excluded)
        Set<String> sources = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    source.topicSet().stream().filter(topic -> !topic.endsWith("-repartition")).forEach(sources::add);
                }
            }
        }

        // Then they are exactly the two cdc topics: the auditor is independent of the sync's state and topics
        assertThat(sources).containsExactly("strangler.cdc.monolith.public.customers", "strangler.cdc.service.crm.customer");
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
