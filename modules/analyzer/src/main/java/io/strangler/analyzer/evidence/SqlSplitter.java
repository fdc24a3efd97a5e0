package io.strangler.analyzer.evidence;

import java.util.function.Consumer;

/**
 * Splits SQL text, fed line by line, into statements at semicolons outside quotes, comments and PostgreSQL
 * dollar-quoted bodies. Comments are dropped. One or many statements per line, or one over many lines, all work.
 */
public final class SqlSplitter {

    private enum State { CODE, SINGLE_QUOTE, DOUBLE_QUOTE, BACKTICK, BLOCK_COMMENT, DOLLAR }

    private final Consumer<String> sink;
    private final StringBuilder current = new StringBuilder();
    private State state = State.CODE;
    private String dollarTag;

    public SqlSplitter(Consumer<String> sink) {
        this.sink = sink;
    }

    public void line(String line) {
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            char next = i + 1 < n ? line.charAt(i + 1) : 0;
            switch (state) {
                case CODE -> {
                    if (c == '-' && next == '-' || c == '#' && current.toString().isBlank() && isMySqlComment(line, i)) {
                        i = n; // line comment: the rest of the line
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        i++;
                    } else if (c == ';') {
                        emit();
                    } else {
                        if (c == '\'') {
                            state = State.SINGLE_QUOTE;
                        } else if (c == '"') {
                            state = State.DOUBLE_QUOTE;
                        } else if (c == '`') {
                            state = State.BACKTICK;
                        } else if (c == '$') {
                            String tag = dollarTag(line, i);
                            if (tag != null) {
                                state = State.DOLLAR;
                                dollarTag = tag;
                                current.append(tag);
                                i += tag.length() - 1;
                                continue;
                            }
                        }
                        current.append(c);
                    }
                }
                case SINGLE_QUOTE -> {
                    current.append(c);
                    if (c == '\\' && next != 0) {
                        current.append(next);
                        i++;
                    } else if (c == '\'') {
                        state = State.CODE; // a doubled quote re-enters the literal at the next character
                    }
                }
                case DOUBLE_QUOTE -> {
                    current.append(c);
                    if (c == '"') {
                        state = State.CODE;
                    }
                }
                case BACKTICK -> {
                    current.append(c);
                    if (c == '`') {
                        state = State.CODE;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        state = State.CODE;
                        current.append(' ');
                        i++;
                    }
                }
                case DOLLAR -> {
                    if (c == '$' && line.startsWith(dollarTag, i)) {
                        current.append(dollarTag);
                        i += dollarTag.length() - 1;
                        state = State.CODE;
                    } else {
                        current.append(c);
                    }
                }
            }
        }
        if (state != State.BLOCK_COMMENT) {
            current.append('\n');
        }
    }

    /** Ends the input: a last statement without a semicolon still counts. */
    public void finish() {
        emit();
    }

    private void emit() {
        String statement = current.toString().strip();
        current.setLength(0);
        if (!statement.isEmpty()) {
            sink.accept(statement);
        }
    }

    private static boolean isMySqlComment(String line, int i) {
        return i == 0 || Character.isWhitespace(line.charAt(i - 1));
    }

    /** {@code $$} or {@code $tag$} starting at {@code i}, or null (e.g. a {@code $1} placeholder). */
    private static String dollarTag(String line, int i) {
        int j = i + 1;
        while (j < line.length() && (Character.isLetter(line.charAt(j)) || line.charAt(j) == '_')) {
            j++;
        }
        return j < line.length() && line.charAt(j) == '$' ? line.substring(i, j + 1) : null;
    }
}
