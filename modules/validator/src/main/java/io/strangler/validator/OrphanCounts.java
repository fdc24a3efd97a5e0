package io.strangler.validator;

/**
 * What the foreign-key check found for one mapped table: rows of it, on each side, whose foreign key names a parent
 * row that side does not have.
 *
 * @param checked    whether the check ran ({@link ValidationOptions#foreignKeys()}); when false the counts are zero
 *                   and say nothing
 * @param onMonolith orphan rows on the monolith (a row broken by two foreign keys counts twice)
 * @param onService  orphan rows on the service
 */
public record OrphanCounts(boolean checked, long onMonolith, long onService) {

    public static final OrphanCounts NOT_CHECKED = new OrphanCounts(false, 0, 0);

    public OrphanCounts {
        if (onMonolith < 0 || onService < 0) {
            throw new IllegalArgumentException("orphan counts cannot be negative");
        }
        if (!checked && (onMonolith > 0 || onService > 0)) {
            throw new IllegalArgumentException("orphans counted by a check that did not run");
        }
    }

    public long total() {
        return onMonolith + onService;
    }
}
