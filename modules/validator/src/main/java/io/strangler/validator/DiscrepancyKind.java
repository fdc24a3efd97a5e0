package io.strangler.validator;

/** What is wrong with one logical row. */
public enum DiscrepancyKind {
    /** The monolith has the key, the service does not. */
    MISSING_ON_SERVICE,
    /** The service has the key, the monolith does not. */
    MISSING_ON_MONOLITH,
    /** Both have the key; at least one mapped column differs canonically. */
    DIFFERENT,
    /**
     * A monolith row whose foreign key names a parent row the monolith does not have (the apply sinks write with
     * foreign keys off). Found only by the foreign-key check ({@link ValidationOptions#foreignKeys()}); reported,
     * never repaired by reconcile.
     */
    ORPHAN_ON_MONOLITH,
    /** As {@link #ORPHAN_ON_MONOLITH}, on the service. */
    ORPHAN_ON_SERVICE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Whether this kind is a broken reference inside one database rather than a disagreement between the two. */
    public boolean orphan() {
        return this == ORPHAN_ON_MONOLITH || this == ORPHAN_ON_SERVICE;
    }
}
