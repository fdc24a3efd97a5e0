package io.strangler.consistency.internal;

import io.strangler.core.mapping.MappedColumn;
import io.strangler.core.mapping.ResolvedMapping;
import io.strangler.core.mapping.Side;
import io.strangler.schemas.DiscrepancyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The auditor's rules for comparing the two sides of one logical row. */
public final class RowComparison {

    private RowComparison() {
    }

    /** True when both sides hold the row with equal hashes, or neither holds it. */
    public static boolean agree(AuditRow row) {
        boolean monolith = row.has(Side.MONOLITH);
        boolean service = row.has(Side.SERVICE);
        if (!monolith && !service) {
            return true;
        }
        return monolith && service && row.monolith().hash().equals(row.service().hash());
    }

    /** Where the row stands for the counts. */
    public static RowClass classify(AuditRow row) {
        if (!row.has(Side.MONOLITH) && !row.has(Side.SERVICE)) {
            return RowClass.ABSENT;
        }
        if (agree(row)) {
            return RowClass.AGREEMENT;
        }
        return row.reportedKind() == null ? RowClass.PENDING : RowClass.OPEN;
    }

    /** How two disagreeing sides differ. */
    public static DiscrepancyKind kind(AuditRow row) {
        if (!row.has(Side.MONOLITH)) {
            return DiscrepancyKind.MISSING_ON_MONOLITH;
        }
        if (!row.has(Side.SERVICE)) {
            return DiscrepancyKind.MISSING_ON_SERVICE;
        }
        return DiscrepancyKind.DIFFERENT;
    }

    /**
     * The logical columns, in mapping order, whose values differ between two present sides (a column one side lacks
     * differs); empty when a side is missing.
     */
    public static List<String> differingColumns(AuditRow row, ResolvedMapping mapping) {
        if (!row.has(Side.MONOLITH) || !row.has(Side.SERVICE)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (MappedColumn column : mapping.columns()) {
            String name = column.logicalName();
            boolean inMonolith = row.monolith().row().contains(name);
            boolean inService = row.service().row().contains(name);
            if (inMonolith != inService
                    || !Objects.equals(row.monolith().row().get(name), row.service().row().get(name))) {
                out.add(name);
            }
        }
        return out;
    }
}
