package io.strangler.analyzer.evidence;

/**
 * A statement with its literals replaced by {@code ?} and its whitespace collapsed: the same query with other values
 * has the same shape, so a log of a million executions of a few hundred queries is parsed a few hundred times. This
 * is what makes large logs cheap (the benchmark's 1,000,000 statements); parsing dominates otherwise.
 */
public final class StatementShape {

    private StatementShape() {
    }

    public static String of(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        boolean pendingSpace = false;
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
                out.append('?');
            } else if (c == '"' || c == '`') {
                int end = skipQuoted(sql, i, c);
                out.append(sql, i, Math.min(end + 1, n));
                i = end;
            } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
                // pg_stat_statements' placeholders $1, $2 ...
                i = skipDigits(sql, i + 1) - 1;
                out.append('?');
            } else if (Character.isDigit(c) && !partOfIdentifier(out)) {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                out.append('?');
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean partOfIdentifier(StringBuilder out) {
        if (out.isEmpty()) {
            return false;
        }
        char previous = out.charAt(out.length() - 1);
        return Character.isLetterOrDigit(previous) || previous == '_' || previous == '$';
    }

    /** Index of the closing quote; doubled quotes are part of the text. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            if (c == '\\' && quote == '\'' && i + 1 < sql.length()) {
                i += 2; // MySQL-style escapes in the general log
                continue;
            }
            i++;
        }
        return sql.length() - 1;
    }

    private static int skipDigits(String sql, int i) {
        while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
