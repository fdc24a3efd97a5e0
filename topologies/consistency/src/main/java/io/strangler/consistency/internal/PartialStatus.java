package io.strangler.consistency.internal;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The counts of one audit partition, sent every status interval to the single status task that sums them.
 *
 * @param partition    the audit task that counted, e.g. {@code 1_3}
 * @param counts       mapping name to counts, sorted by name
 * @param emittedMillis wall-clock time of the count
 */
public record PartialStatus(String partition, Map<String, Counts> counts, long emittedMillis) {

    public PartialStatus {
        Objects.requireNonNull(partition, "partition");
        counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
