package io.strangler.consistency.internal;

import io.strangler.schemas.Discrepancy;

/** What the audit step emits: discrepancy events for the output topic, partial counts for the status step. */
public sealed interface AuditOutput {

    record DiscrepancyOut(Discrepancy discrepancy) implements AuditOutput {
    }

    record PartialOut(PartialStatus partial) implements AuditOutput {
    }
}
