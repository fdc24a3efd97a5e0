package io.strangler.router.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Structural JSON comparison returning the JSON pointers where two documents differ. */
final class JsonDiff {

    private JsonDiff() {
    }

    static Set<String> diff(JsonNode a, JsonNode b) {
        Set<String> out = new TreeSet<>();
        walk("", a, b, out);
        return out;
    }

    /** True when {@code pointer} is {@code ignored} or lies below it. */
    static boolean covered(String pointer, Iterable<String> ignored) {
        for (String prefix : ignored) {
            if (pointer.equals(prefix) || pointer.startsWith(prefix + "/") || prefix.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void walk(String at, JsonNode a, JsonNode b, Set<String> out) {
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            out.add(at);
            return;
        }
        if (a.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(at + "/" + name.replace("~", "~0").replace("/", "~1"), a.get(name), b.get(name), out);
            }
        } else if (a.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                walk(at + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(at);
        }
    }

    static List<String> list(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
