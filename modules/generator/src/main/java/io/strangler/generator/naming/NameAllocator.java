package io.strangler.generator.naming;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hands out names that are unique ignoring case (generated files must not collide on case-insensitive file
 * systems), together with every name derived from them by a suffix: once {@code Orders} is taken with suffix
 * {@code Create}, a table {@code orders_create} cannot become {@code OrdersCreate}. A taken or reserved candidate
 * gets the first free number: {@code Orders2}. Callers allocate in a stable order, so the result is deterministic.
 */
public final class NameAllocator {

    private final Set<String> taken = new HashSet<>();
    private final List<String> suffixes;

    /**
     * @param reserved names never handed out (compared ignoring case)
     * @param suffixes derived names that come with every allocated name; {@code ""} is implied
     */
    public NameAllocator(Set<String> reserved, List<String> suffixes) {
        reserved.forEach(name -> taken.add(key(name)));
        this.suffixes = List.copyOf(suffixes);
    }

    public String allocate(String candidate) {
        String name = candidate;
        for (int n = 2; !free(name); n++) {
            name = candidate + (Character.isDigit(candidate.charAt(candidate.length() - 1)) ? "_" : "") + n;
        }
        taken.add(key(name));
        for (String suffix : suffixes) {
            taken.add(key(name + suffix));
        }
        return name;
    }

    private boolean free(String name) {
        if (taken.contains(key(name))) {
            return false;
        }
        return suffixes.stream().noneMatch(suffix -> taken.contains(key(name + suffix)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
