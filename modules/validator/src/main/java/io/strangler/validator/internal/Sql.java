package io.strangler.validator.internal;

import io.strangler.core.row.Engine;
import io.strangler.core.row.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL each engine runs for the validator. Two things must agree across engines: the key order (so that a
 * streaming merge never mistakes an ordering difference for a missing row) and, for the checksum mode, the text
 * rendering of each canonical value (so that equal canonical rows give equal per-row MD5s).
 *
 * <p>Key order: numbers, dates and times in their natural order; every textual key by its UTF-8 bytes
 * ({@code COLLATE "C"} on PostgreSQL, a binary cast on MariaDB), never by a collation that differs between engines.
 */
public final class Sql {

    private Sql() {
    }

    public static String quote(Engine engine, String identifier) {
        return engine == Engine.POSTGRESQL ? '"' + identifier.replace("\"", "\"\"") + '"'
                : '`' + identifier.replace("`", "``") + '`';
    }

    public static String table(SideTable side) {
        return quote(side.engine(), side.schema()) + "." + quote(side.engine(), side.table());
    }

    /** Whether a key of this kind sorts in the database as the JVM's {@link KeyOrder} sorts its canonical value. */
    public static boolean orderable(ValueKind kind) {
        return switch (kind) {
            case INTEGER, DECIMAL, FLOAT32, FLOAT64, BOOLEAN, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, STRING, FIXED_CHAR,
                 ENUM, UUID, BINARY -> true;
            default -> false;
        };
    }

    /** The ORDER BY term for key column {@code column} of {@code kind}. */
    public static String orderTerm(Engine engine, String column, ValueKind kind) {
        String c = quote(engine, column);
        boolean textual = kind == ValueKind.STRING || kind == ValueKind.FIXED_CHAR || kind == ValueKind.ENUM
                || kind == ValueKind.UUID;
        if (!textual) {
            return c;
        }
        if (engine == Engine.POSTGRESQL) {
            return (kind == ValueKind.UUID ? "lower(" + c + "::text)" : c + "::text") + " COLLATE \"C\"";
        }
        return kind == ValueKind.UUID ? "CAST(LOWER(CAST(" + c + " AS CHAR)) AS BINARY)"
                : "CAST(CONVERT(" + c + " USING utf8mb4) AS BINARY)";
    }

    /**
     * The canonical text of a value of {@code kind} as both engines render it identically, or empty when the kind
     * has no such rendering (floats, JSON, sets, bit strings, times, decimals of variable scale).
     */
    public static Optional<String> canonicalText(Engine engine, String column, ValueKind kind, boolean variableScale) {
        String c = quote(engine, column);
        boolean pg = engine == Engine.POSTGRESQL;
        String text = switch (kind) {
            case INTEGER -> pg ? c + "::text" : "CAST(" + c + " AS CHAR)";
            case DECIMAL -> variableScale ? null : pg ? c + "::text" : "CAST(" + c + " AS CHAR)";
            case BOOLEAN -> pg ? "CASE WHEN " + c + " THEN '1' ELSE '0' END" : "CASE WHEN " + c + " <> 0 THEN '1' ELSE '0' END";
            case STRING, ENUM -> pg ? c + "::text" : "CONVERT(" + c + " USING utf8mb4)";
            case FIXED_CHAR -> pg ? "rtrim(" + c + "::text, ' ')" : "TRIM(TRAILING ' ' FROM CONVERT(" + c + " USING utf8mb4))";
            case UUID -> pg ? "lower(" + c + "::text)" : "LOWER(CAST(" + c + " AS CHAR))";
            case DATE -> pg ? "(" + c + " - DATE '1970-01-01')::text" : "CAST(DATEDIFF(" + c + ", '1970-01-01') AS CHAR)";
            case TIMESTAMP, TIMESTAMPTZ -> pg ? "(extract(epoch FROM " + c + ") * 1000000)::bigint::text"
                    : "CAST(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', " + c + ") AS CHAR)";
            case BINARY -> pg ? "encode(" + c + ", 'hex')" : "LOWER(HEX(" + c + "))";
            default -> null;
        };
        return Optional.ofNullable(text);
    }

    /**
     * A row's checksum input: each column's canonical text joined by '|'; text kinds as {@code V<length>:<text>} so a
     * '|' inside a value cannot shift columns; NULL as {@code N}, which no rendering produces.
     */
    public static String rowText(Engine engine, List<String> renderings, List<ValueKind> kinds) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < renderings.size(); i++) {
            String r = renderings.get(i);
            boolean text = kinds.get(i) == ValueKind.STRING || kinds.get(i) == ValueKind.FIXED_CHAR
                    || kinds.get(i) == ValueKind.ENUM;
            if (text) {
                r = engine == Engine.POSTGRESQL ? "'V' || length(" + r + ") || ':' || " + r
                        : "CONCAT('V', CHAR_LENGTH(" + r + "), ':', " + r + ")";
            }
            parts.add((engine == Engine.POSTGRESQL ? "coalesce(" : "COALESCE(") + r + ", 'N')");
        }
        return engine == Engine.POSTGRESQL ? String.join(" || '|' || ", parts) : "CONCAT_WS('|', " + String.join(", ", parts) + ")";
    }

    /** count, and two sums of 60-bit slices of the per-row MD5, over the rows matching {@code where}. */
    public static String checksumQuery(SideTable side, String rowText, String where) {
        if (side.engine() == Engine.POSTGRESQL) {
            return "SELECT count(*), coalesce(sum(('x' || substr(h, 1, 15))::bit(60)::bigint), 0)::text,"
                    + " coalesce(sum(('x' || substr(h, 16, 15))::bit(60)::bigint), 0)::text"
                    + " FROM (SELECT md5(" + rowText + ") AS h FROM " + table(side) + where + ") s";
        }
        return "SELECT COUNT(*), CAST(COALESCE(SUM(CAST(CONV(SUBSTRING(h, 1, 15), 16, 10) AS UNSIGNED)), 0) AS CHAR),"
                + " CAST(COALESCE(SUM(CAST(CONV(SUBSTRING(h, 16, 15), 16, 10) AS UNSIGNED)), 0) AS CHAR)"
                + " FROM (SELECT MD5(" + rowText + ") AS h FROM " + table(side) + where + ") s";
    }

    /** The first 'length' hex digits of the MD5 of a key's canonical text. */
    public static String hashPrefix(Engine engine, String keyText, int length) {
        return engine == Engine.POSTGRESQL ? "substr(md5(" + keyText + "), 1, " + length + ")"
                : "SUBSTRING(MD5(" + keyText + "), 1, " + length + ")";
    }
}
