package io.strangler.core.config;

import io.strangler.core.mapping.internal.NameSuggestions;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about keys a processor would silently ignore: a key in one of the processor's own namespaces (e.g.
 * {@code strangler.validator.}) that none of its definitions knows, most often a typo, named with the nearest known
 * key: {@code Unknown key strangler.validator.paralelism in ValidatorConfig (ignored): did you mean
 * strangler.validator.parallelism?}. Keys outside the namespaces (another processor's section of a shared file,
 * pass-through prefixes such as {@code streams.}) are left alone.
 */
public final class UnknownKeys {

    private static final Logger LOGGER = LoggerFactory.getLogger(UnknownKeys.class);
    /** The most edits a key may be from a known one to be suggested. */
    private static final int MAX_DISTANCE = 3;

    private UnknownKeys() {}

    /**
     * The namespaces of {@code ownKeys}: the first two words of a key of three or more words or of a
     * {@code strangler.} key ({@code strangler.apply.batch.size} → {@code strangler.apply.},
     * {@code monolith.database.url} → {@code monolith.database.}), the first word of other two-word keys
     * ({@code sync.partitions} → {@code sync.}).
     */
    public static Set<String> namespaces(Collection<String> ownKeys) {
        Set<String> namespaces = new TreeSet<>();
        for (String key : ownKeys) {
            String[] words = key.split("\\.");
            if (words.length >= 3 || (words.length == 2 && words[0].equals("strangler"))) {
                namespaces.add(words[0] + "." + words[1] + ".");
            } else if (words.length == 2) {
                namespaces.add(words[0] + ".");
            }
        }
        return namespaces;
    }

    /** Logs one WARN line per unknown key of {@code originals} in {@code namespaces}; returns those keys. */
    public static Set<String> warn(String configName, Set<String> known, Map<?, ?> originals,
            Collection<String> namespaces, Collection<String> passThroughPrefixes) {
        Set<String> unknown = new TreeSet<>();
        for (Object rawKey : originals.keySet()) {
            String key = String.valueOf(rawKey);
            if (known.contains(key) || passThroughPrefixes.stream().anyMatch(key::startsWith)
                    || namespaces.stream().noneMatch(key::startsWith)) {
                continue;
            }
            unknown.add(key);
            LOGGER.warn("Unknown key {} in {} (ignored){}", key, configName,
                    nearest(key, known).map(near -> ": did you mean " + near + "?").orElse(""));
        }
        return unknown;
    }

    static Optional<String> nearest(String key, Set<String> known) {
        return known.stream().map(candidate -> Map.entry(candidate, NameSuggestions.distance(key, candidate)))
                .filter(entry -> entry.getValue() <= MAX_DISTANCE)
                .min(Comparator.comparingInt((Map.Entry<String, Integer> entry) -> entry.getValue())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey);
    }
}
