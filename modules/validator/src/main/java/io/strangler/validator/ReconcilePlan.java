package io.strangler.validator;

import java.util.List;

/**
 * The repairs a reconcile would make.
 *
 * @param repairs  in report order
 * @param complete false when the validation listed fewer discrepancies than it counted (its detail limit): the
 *                 plan then repairs only the listed ones, and another validate + reconcile round is needed
 */
public record ReconcilePlan(List<Repair> repairs, boolean complete) {

    public ReconcilePlan {
        repairs = List.copyOf(repairs);
    }

    /** The dry-run text: one line per repair, then a summary line. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        repairs.forEach(repair -> out.append(repair.describe()).append('\n'));
        long deletes = repairs.stream().filter(Repair::delete).count();
        out.append(repairs.size()).append(" repairs: ").append(repairs.size() - deletes).append(" upserts, ")
                .append(deletes).append(" deletes");
        if (!complete) {
            out.append(" (partial: the validation listed fewer discrepancies than it found; run validate and reconcile again)");
        }
        return out.append('\n').toString();
    }
}
