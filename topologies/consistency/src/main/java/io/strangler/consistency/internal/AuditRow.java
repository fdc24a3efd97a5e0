package io.strangler.consistency.internal;

import io.strangler.core.mapping.Side;
import io.strangler.schemas.DiscrepancyKind;
import java.util.List;

/**
 * What the auditor keeps per logical row (RocksDB store {@code consistency-rows}).
 *
 * @param monolith        the monolith's latest image; null when never seen
 * @param service         the service's latest image; null when never seen
 * @param divergedAtMillis wall-clock time the sides started to disagree, or -1 while they agree
 * @param sinceMicros     source commit time of the change that made them disagree (reported as "since")
 * @param reportedKind    the kind of the open discrepancy reported for this row, or null when none is open
 * @param reportedColumns the differing columns last reported
 * @param deletedAtMillis wall-clock time both sides were seen deleted, or -1
 * @param dueMillis       wall-clock time of this row's next check (grace expiry, re-check of a changed discrepancy,
 *                        end of tombstone retention), or -1 for none; mirrored by one entry in the timers store
 */
public record AuditRow(SideImage monolith, SideImage service, long divergedAtMillis, long sinceMicros,
        DiscrepancyKind reportedKind, List<String> reportedColumns, long deletedAtMillis, long dueMillis) {

    static final AuditRow UNSEEN = new AuditRow(null, null, -1, 0, null, List.of(), -1, -1);

    public AuditRow {
        reportedColumns = List.copyOf(reportedColumns);
    }

    public SideImage image(Side side) {
        return side == Side.MONOLITH ? monolith : service;
    }

    /** True when {@code side} holds the row (seen and not deleted). */
    public boolean has(Side side) {
        SideImage image = image(side);
        return image != null && image.present();
    }

    AuditRow withImage(Side side, SideImage image) {
        return side == Side.MONOLITH
                ? new AuditRow(image, service, divergedAtMillis, sinceMicros, reportedKind, reportedColumns, deletedAtMillis,
                        dueMillis)
                : new AuditRow(monolith, image, divergedAtMillis, sinceMicros, reportedKind, reportedColumns, deletedAtMillis,
                        dueMillis);
    }

    AuditRow withDivergence(long atMillis, long micros) {
        return new AuditRow(monolith, service, atMillis, micros, reportedKind, reportedColumns, deletedAtMillis, dueMillis);
    }

    AuditRow withReported(DiscrepancyKind kind, List<String> columns) {
        return new AuditRow(monolith, service, divergedAtMillis, sinceMicros, kind, columns, deletedAtMillis, dueMillis);
    }

    AuditRow withDeletedAt(long atMillis) {
        return new AuditRow(monolith, service, divergedAtMillis, sinceMicros, reportedKind, reportedColumns, atMillis,
                dueMillis);
    }

    AuditRow withDue(long atMillis) {
        return new AuditRow(monolith, service, divergedAtMillis, sinceMicros, reportedKind, reportedColumns, deletedAtMillis,
                atMillis);
    }
}
