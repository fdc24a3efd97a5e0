package io.strangler.validator;

/** What is wrong with one logical row. */
public enum DiscrepancyKind {
    /** The monolith has the key, the service does not. */
    MISSING_ON_SERVICE,
    /** The service has the key, the monolith does not. */
    MISSING_ON_MONOLITH,
    /** Both have the key; at least one mapped column differs canonically. */
    DIFFERENT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
