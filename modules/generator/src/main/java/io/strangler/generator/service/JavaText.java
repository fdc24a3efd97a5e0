package io.strangler.generator.service;

import io.strangler.core.row.Engine;

/** Literals and identifiers written into generated sources: ASCII only, so the source is the same everywhere. */
final class JavaText {

    private JavaText() {
    }

    /** A Java string literal, quotes included; non-ASCII as unicode escapes. */
    static String literal(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * The SQL identifier as the engine quotes it, quoting always: a reserved word, mixed case or a space is then
     * never a problem, and the text is fixed at generation time, never taken from a request.
     */
    static String sqlIdentifier(Engine engine, String name) {
        return engine == Engine.POSTGRESQL ? "\"" + name.replace("\"", "\"\"") + "\"" : "`" + name.replace("`", "``") + "`";
    }

    /** Text for a Javadoc comment: no comment terminators, no unicode escapes that javac would decode early. */
    static String doc(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.replace("*/", "*&#47;").replace("@", "&#64;").toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? "?" : c == '\\' ? "&#92;" : String.valueOf(c));
        }
        return out.toString();
    }
}
