package io.strangler.analyzer.evidence;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Parses one SQL statement with JSqlParser into the catalogue tables it touches and writes. Results are cached by
 * {@link StatementShape}, so repeated queries with other literals cost one parse. Not thread-safe: one per reader.
 */
public final class StatementParser {

    /** Past this many distinct shapes new ones are parsed but not remembered, bounding memory on odd logs. */
    static final int CACHE_LIMIT = 200_000;
    /** Longer statements are counted as unparseable rather than risk the parser's worst cases. */
    static final int MAX_LENGTH = 200_000;
    /**
     * JSqlParser's complex-parsing mode backtracks exponentially on unbalanced parentheses ({@code SELECT (((} took
     * 180 s on a 2-core box); a statement that needs longer than this in that mode is counted as unparseable.
     */
    static final long COMPLEX_PARSE_BUDGET_MS = 1_000;

    /** One daemon thread for every parser: it only flags a parse whose budget ran out, it never runs one. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "statement-parse-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final TableResolver resolver;
    private final Map<String, StatementTables> cache = new HashMap<>();

    public StatementParser(TableResolver resolver) {
        this.resolver = resolver;
    }

    public StatementTables parse(String sql) {
        String trimmed = withoutLeadingComments(sql.strip());
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).stripTrailing();
        }
        if (trimmed.isEmpty()) {
            return StatementTables.IGNORED;
        }
        Optional<StatementTables> control = control(trimmed);
        if (control.isPresent()) {
            return control.get();
        }
        if (trimmed.length() > MAX_LENGTH) {
            return StatementTables.UNPARSEABLE;
        }
        String shape = StatementShape.of(trimmed);
        StatementTables cached = cache.get(shape);
        if (cached != null) {
            return cached;
        }
        StatementTables parsed = parseUncached(shape);
        if (parsed.kind() == StatementKind.UNPARSEABLE && !shape.equals(trimmed)) {
            parsed = parseUncached(trimmed); // a literal the placeholder cannot stand for, e.g. INTERVAL '1 day'
        }
        if (cache.size() < CACHE_LIMIT) {
            cache.put(shape, parsed);
        }
        return parsed;
    }

    /** Comments before the first word (ORM tags, script headers) would hide what kind of statement it is. */
    static String withoutLeadingComments(String sql) {
        String rest = sql;
        while (true) {
            if (rest.startsWith("--")) {
                int end = rest.indexOf('\n');
                rest = end < 0 ? "" : rest.substring(end + 1).stripLeading();
            } else if (rest.startsWith("/*")) {
                int end = rest.indexOf("*/");
                rest = end < 0 ? "" : rest.substring(end + 2).stripLeading();
            } else {
                return rest;
            }
        }
    }

    private StatementTables parseUncached(String sql) {
        // simple mode first: linear, and parses nearly every real statement; complex mode only for the rest, bounded
        Statement statement = parseOrNull(sql, false);
        if (statement == null) {
            statement = parseOrNull(sql, true);
        }
        if (statement == null) {
            return StatementTables.UNPARSEABLE;
        }
        if (!(statement instanceof Select || statement instanceof Insert || statement instanceof Update
                || statement instanceof Delete || statement instanceof Merge || statement instanceof Upsert
                || statement instanceof Truncate)) {
            return StatementTables.IGNORED;
        }
        Set<String> names;
        try {
            names = new TablesNamesFinder<Void>().getTables(statement);
        } catch (RuntimeException e) {
            return StatementTables.UNPARSEABLE; // a construct the finder does not visit
        }
        Set<TableName> touched = new HashSet<>();
        Set<String> unknown = new HashSet<>();
        for (String name : names) {
            resolve(name).ifPresentOrElse(touched::add, () -> unknown.add(name));
        }
        Set<TableName> written = new HashSet<>();
        for (Table target : targets(statement)) {
            resolve(target.getFullyQualifiedName()).ifPresent(table -> {
                written.add(table);
                touched.add(table);
            });
        }
        return new StatementTables(StatementKind.DATA, touched, written, unknown);
    }

    /** The parser directly, not CCJSqlParserUtil.parse: that one starts a timeout thread per statement. */
    private static Statement parseOrNull(String sql, boolean complex) {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(complex);
        ScheduledFuture<?> deadline = complex
                ? WATCHDOG.schedule(() -> parser.interrupted = true, COMPLEX_PARSE_BUDGET_MS, TimeUnit.MILLISECONDS)
                : null;
        try {
            return parser.Statement();
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError vmError && !(e instanceof StackOverflowError)) {
                throw vmError;
            }
            return null;
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    private static List<Table> targets(Statement statement) {
        if (statement instanceof Insert insert) {
            return List.of(insert.getTable());
        }
        if (statement instanceof Update update) {
            return update.getTable() == null ? List.of() : List.of(update.getTable());
        }
        if (statement instanceof Delete delete) {
            if (delete.getTables() != null && !delete.getTables().isEmpty()) {
                return delete.getTables();
            }
            return delete.getTable() == null ? List.of() : List.of(delete.getTable());
        }
        if (statement instanceof Merge merge) {
            return List.of(merge.getTable());
        }
        if (statement instanceof Upsert upsert) {
            return List.of(upsert.getTable());
        }
        if (statement instanceof Truncate truncate) {
            return truncate.getTables() != null ? truncate.getTables() : List.of(truncate.getTable());
        }
        return List.of();
    }

    private Optional<TableName> resolve(String qualified) {
        List<String> parts = splitQualified(qualified);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String name = parts.get(parts.size() - 1);
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
        return resolver.resolve(schema, name);
    }

    /** Splits {@code a."b.c".d} on the dots outside quotes, keeping the quotes. */
    static List<String> splitQualified(String qualified) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < qualified.length(); i++) {
            char c = qualified.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                current.append(c);
            } else if (c == '"' || c == '`' || c == '[') {
                quote = c == '[' ? ']' : c;
                current.append(c);
            } else if (c == '.') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    private static final Map<String, StatementTables> CONTROL = new LinkedHashMap<>();

    static {
        CONTROL.put("BEGIN", StatementTables.BEGIN);
        CONTROL.put("START TRANSACTION", StatementTables.BEGIN);
        CONTROL.put("COMMIT", StatementTables.COMMIT);
        CONTROL.put("END", StatementTables.COMMIT);
        CONTROL.put("ROLLBACK TO", StatementTables.IGNORED);
        CONTROL.put("ROLLBACK", StatementTables.ROLLBACK);
        CONTROL.put("ABORT", StatementTables.ROLLBACK);
        for (String word : List.of("SAVEPOINT", "RELEASE", "SET", "SHOW", "RESET", "DISCARD", "DEALLOCATE", "LISTEN",
                "NOTIFY", "UNLISTEN", "VACUUM", "ANALYZE", "EXPLAIN", "CREATE", "ALTER", "DROP", "COMMENT", "GRANT",
                "REVOKE", "USE", "LOCK", "PREPARE", "EXECUTE", "CHECKPOINT", "COPY", "DO", "CALL", "FETCH", "CLOSE",
                "DECLARE", "MOVE", "KILL", "FLUSH", "OPTIMIZE")) {
            CONTROL.put(word, StatementTables.IGNORED);
        }
    }

    /**
     * Transaction control and statements without table evidence, recognised by their first words without parsing:
     * cheaper, and JSqlParser does not accept every dialect's variant of them.
     */
    private static Optional<StatementTables> control(String sql) {
        int prefixLength = Math.min(sql.length(), 24);
        String head = sql.substring(0, prefixLength).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        for (Map.Entry<String, StatementTables> entry : CONTROL.entrySet()) {
            String word = entry.getKey();
            if (head.startsWith(word) && (head.length() == word.length() || !isWordChar(head.charAt(word.length())))) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
