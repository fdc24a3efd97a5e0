package io.strangler.analyzer.evidence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a SQL file or a database's statement log into {@link WorkloadEvidence}. The format is recognised from the
 * first lines unless given; a file in none of the known formats yields no evidence and a note saying what was
 * expected, so the analysis goes on with the evidence it has.
 */
public final class SqlLogReader {

    static final int DETECT_LINES = 200;

    /** {@code ... [pid] ... LOG:  statement: ...}; group 1 the pid if the prefix has one, group 2 the message. */
    private static final Pattern POSTGRES_LINE = Pattern.compile(
            "^(?:.*?\\[(\\d+)\\].*?)?LOG:\\s+(.*)$");
    private static final Pattern POSTGRES_MESSAGE = Pattern.compile(
            "^(?:duration:\\s+([0-9.]+)\\s+ms\\s+)?(?:statement|execute\\s+[^:]*):\\s?(.*)$", Pattern.DOTALL);
    private static final Pattern POSTGRES_OTHER_LINE = Pattern.compile(
            "^.*?(?:DETAIL|HINT|CONTEXT|ERROR|WARNING|NOTICE|FATAL|PANIC|INFO|DEBUG\\d?):\\s.*$");
    /** {@code 2026-12-07T01:02:03.123456Z    12 Query	SELECT 1} (MySQL 8) or {@code 261207  1:02:03	   12 Query	...}. */
    private static final Pattern MYSQL_LINE = Pattern.compile(
            "^(?:\\S+(?:\\s+\\d{1,2}:\\d{2}:\\d{2})?)?\\s+(\\d+)\\s+([A-Z][A-Za-z ]*?)\\t(.*)$");
    private static final Pattern SQL_START = Pattern.compile(
            "^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|BEGIN|START|COMMIT|ROLLBACK|REPLACE|UPSERT|SET|END|TRUNCATE|VALUES|--|/\\*)",
            Pattern.CASE_INSENSITIVE);

    private SqlLogReader() {
    }

    /** Recognises the format from the first lines; empty when it is none of the known ones. */
    public static Optional<LogFormat> detect(List<String> firstLines) {
        int postgres = 0;
        int mysql = 0;
        int sqlLines = 0;
        int terminated = 0;
        for (String line : firstLines) {
            if (line.isBlank()) {
                continue;
            }
            Matcher pg = POSTGRES_LINE.matcher(line);
            if (pg.matches() && POSTGRES_MESSAGE.matcher(pg.group(2)).matches()) {
                postgres++;
            } else if (MYSQL_LINE.matcher(line).matches()) {
                mysql++;
            }
            if (SQL_START.matcher(line).find()) {
                sqlLines++;
            }
            if (line.stripTrailing().endsWith(";")) {
                terminated++;
            }
        }
        if (postgres > 0 && postgres >= mysql) {
            return Optional.of(LogFormat.POSTGRESQL_LOG);
        }
        if (mysql > 0) {
            return Optional.of(LogFormat.MYSQL_GENERAL_LOG);
        }
        if (terminated > 0) {
            return Optional.of(LogFormat.SQL_FILE);
        }
        if (sqlLines > 0) {
            return Optional.of(LogFormat.ONE_PER_LINE);
        }
        return Optional.empty();
    }

    /**
     * @param format null to recognise it from the file's first lines
     */
    public static WorkloadEvidence read(Path file, LogFormat format, StatementParser parser, ParseProgress progress) {
        String source = file.getFileName().toString();
        LogFormat effective = format;
        try {
            if (effective == null) {
                List<String> first = new ArrayList<>();
                try (BufferedReader reader = open(file)) {
                    String line;
                    while (first.size() < DETECT_LINES && (line = reader.readLine()) != null) {
                        first.add(line);
                    }
                }
                Optional<LogFormat> detected = detect(first);
                if (detected.isEmpty()) {
                    return WorkloadEvidence.note(source + ": not a format the analyzer knows (expected a SQL file with"
                            + " statements ending in ';', one statement per line, a PostgreSQL statement log or a MySQL"
                            + " general log); no query or transaction evidence was taken from it");
                }
                effective = detected.get();
            }
            WorkloadCollector collector = new WorkloadCollector(parser, source, true, progress);
            try (BufferedReader reader = open(file)) {
                switch (effective) {
                    case SQL_FILE -> readSqlFile(reader, collector);
                    case ONE_PER_LINE -> readOnePerLine(reader, collector);
                    case POSTGRESQL_LOG -> readPostgresLog(reader, collector);
                    case MYSQL_GENERAL_LOG -> readMySqlLog(reader, collector);
                }
            }
            WorkloadEvidence evidence = collector.finish();
            if (evidence.stats().statements() == 0) {
                evidence = evidence.plus(WorkloadEvidence.note(source + ": read as "
                        + effective.name().toLowerCase(Locale.ROOT) + " but it held no statements"));
            }
            return evidence;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * UTF-8 with malformed bytes replaced rather than fatal: a log with one odd byte in a literal still counts (an
     * InputStreamReader replaces, Files.newBufferedReader would throw).
     */
    private static BufferedReader open(Path file) throws IOException {
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8),
                1 << 16);
    }

    private static void readSqlFile(BufferedReader reader, WorkloadCollector collector) throws IOException {
        SqlSplitter splitter = new SqlSplitter(sql -> collector.statement("file", sql));
        String line;
        while ((line = reader.readLine()) != null) {
            splitter.line(line);
        }
        splitter.finish();
    }

    private static void readOnePerLine(BufferedReader reader, WorkloadCollector collector) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            String statement = line.strip();
            if (!statement.isEmpty() && !statement.startsWith("--")) {
                collector.statement("file", statement);
            }
        }
    }

    private static void readPostgresLog(BufferedReader reader, WorkloadCollector collector) throws IOException {
        String session = null;
        StringBuilder statement = null;
        double millis = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            Matcher pg = line.indexOf(':') >= 0 ? POSTGRES_LINE.matcher(line) : null;
            if (pg != null && pg.matches()) {
                flush(collector, session, statement, millis);
                statement = null;
                Matcher message = POSTGRES_MESSAGE.matcher(pg.group(2));
                if (message.matches()) {
                    session = pg.group(1) != null ? pg.group(1) : "postgres";
                    millis = message.group(1) != null ? Double.parseDouble(message.group(1)) : 0;
                    statement = new StringBuilder(message.group(2));
                }
            } else if (statement != null && !POSTGRES_OTHER_LINE.matcher(line).matches()) {
                statement.append('\n').append(line); // continuation lines of a multi-line statement start with a tab
            } else {
                flush(collector, session, statement, millis);
                statement = null;
            }
        }
        flush(collector, session, statement, millis);
    }

    private static void flush(WorkloadCollector collector, String session, StringBuilder statement, double millis) {
        if (statement != null && !statement.isEmpty()) {
            collector.statement(session, statement.toString(), 1, millis);
        }
    }

    private static void readMySqlLog(BufferedReader reader, WorkloadCollector collector) throws IOException {
        String session = null;
        StringBuilder statement = null;
        String line;
        while ((line = reader.readLine()) != null) {
            Matcher my = MYSQL_LINE.matcher(line);
            if (my.matches()) {
                flush(collector, session, statement, 0);
                statement = null;
                String command = my.group(2).strip();
                if (command.equals("Query") || command.equals("Execute")) {
                    session = my.group(1);
                    statement = new StringBuilder(my.group(3));
                }
            } else if (statement != null) {
                statement.append('\n').append(line);
            }
        }
        flush(collector, session, statement, 0);
    }
}
