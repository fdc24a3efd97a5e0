package io.strangler.core.mapping.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the names closest to a misspelt one, for "did you mean" hints. */
public final class NameSuggestions {

    private NameSuggestions() {
    }

    /**
     * Up to three candidates, closest first: those within an edit distance of a third of the name (at least 2),
     * and those that contain the name or are contained in it (a truncated or suffixed name).
     */
    public static List<String> closest(String name, Collection<String> candidates) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        return candidates.stream()
                .filter(candidate -> isClose(wanted, candidate.toLowerCase(Locale.ROOT), limit))
                .sorted(Comparator.comparingInt((String candidate) -> distance(wanted, candidate.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(3)
                .toList();
    }

    /** " (did you mean a, b?)" or the empty string. */
    public static String hint(String name, Collection<String> candidates) {
        List<String> closest = closest(name, candidates);
        return closest.isEmpty() ? "" : " (did you mean " + String.join(", ", closest) + "?)";
    }

    private static boolean isClose(String wanted, String candidate, int limit) {
        if (distance(wanted, candidate) <= limit) {
            return true;
        }
        return Math.min(wanted.length(), candidate.length()) >= 3 && (candidate.contains(wanted) || wanted.contains(candidate));
    }

    /** Levenshtein distance (also the nearest-key hint of misspelled configuration keys). */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
