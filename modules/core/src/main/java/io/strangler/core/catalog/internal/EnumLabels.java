package io.strangler.core.catalog.internal;

import java.util.ArrayList;
import java.util.List;

/** Parses the labels out of a MariaDB/MySQL {@code enum('a','it''s')} COLUMN_TYPE. */
public final class EnumLabels {

    private EnumLabels() {
    }

    public static List<String> parse(String columnType) {
        int open = columnType.indexOf('(');
        int close = columnType.lastIndexOf(')');
        if (open < 0 || close < open) {
            return List.of();
        }
        List<String> labels = new ArrayList<>();
        String body = columnType.substring(open + 1, close);
        StringBuilder label = null;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (label == null) {
                if (c == '\'') {
                    label = new StringBuilder();
                }
            }
            else if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                label.append('\'');
                i++;
            }
            else if (c == '\\' && i + 1 < body.length()) {
                label.append(body.charAt(++i));
            }
            else if (c == '\'') {
                labels.add(label.toString());
                label = null;
            }
            else {
                label.append(c);
            }
        }
        return List.copyOf(labels);
    }
}
