package io.strangler.validator;

/**
 * How a table is compared.
 * <ul>
 *   <li>{@link #MERGE}: both sides stream their rows in one agreed key order and the JVM compares canonical rows;
 *       always correct, cost proportional to the table.</li>
 *   <li>{@link #CHECKSUM}: each database computes a row count and a checksum per key segment; only segments whose
 *       checksums differ are bisected and finally merged in the JVM. Needs column types whose canonical text both
 *       engines can render identically (integers, strings, booleans, dates, timestamps, fixed-scale decimals, UUIDs,
 *       binaries).</li>
 *   <li>{@link #AUTO}: {@code CHECKSUM} for large tables on a database reached over the network (not loopback) where
 *       the column types allow it, {@code MERGE} otherwise.</li>
 * </ul>
 */
public enum ValidationMode {
    AUTO,
    CHECKSUM,
    MERGE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
