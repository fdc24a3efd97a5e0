package io.strangler.sync.perf;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Minimal JSON for maps and lists of numbers, strings, booleans and nested maps/lists. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": ");
                append(out, e.getValue());
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                append(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof String text) {
            out.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ")).append('"');
        } else {
            out.append(value == null ? "null" : String.format(Locale.ROOT, "%s", value));
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
