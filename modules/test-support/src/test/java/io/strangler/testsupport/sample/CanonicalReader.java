package io.strangler.testsupport.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.strangler.embedded.sample.SampleColumn;
import io.strangler.embedded.sample.SampleEngine;
import io.strangler.embedded.sample.SampleTable;
import io.strangler.embedded.sample.SampleValues;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a sample table back in primary-key order as comparable canonical rows: numbers as Long / plain
 * decimal strings at the column scale, floats as Double, timestamps as UTC micros, dates as epoch days,
 * booleans, UUIDs lower-case, JSON compact with sorted keys, bytes as hex strings (so rows compare with equals).
 */
final class CanonicalReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CanonicalReader() {
    }

    static List<List<Object>> read(Connection connection, SampleEngine engine, SampleTable table) throws SQLException {
        if (engine == SampleEngine.MARIADB) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET time_zone = '+00:00'"); // TIMESTAMP(6) is read in the session zone
            }
        }
        String sql = "SELECT " + String.join(", ", table.columnNames()) + " FROM " + table.name() + " ORDER BY "
                + String.join(", ", table.primaryKey());
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>(table.columns().size());
                for (int i = 0; i < table.columns().size(); i++) {
                    row.add(value(rs, i + 1, table.columns().get(i), engine));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The generator's rows in the same comparable form. */
    static List<List<Object>> comparable(List<Map<String, Object>> canonicalRows) {
        return canonicalRows.stream().map(row -> row.values().stream().map(CanonicalReader::comparable).toList())
                .toList();
    }

    private static Object comparable(Object canonical) {
        return canonical instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : canonical;
    }

    private static Object value(ResultSet rs, int index, SampleColumn column, SampleEngine engine)
            throws SQLException {
        if (rs.getObject(index) == null) {
            return null;
        }
        return switch (column.type()) {
            case SMALLINT, INT, BIGINT -> rs.getLong(index);
            case DECIMAL -> rs.getBigDecimal(index).setScale(column.scale(), RoundingMode.UNNECESSARY).toPlainString();
            case REAL -> (double) rs.getFloat(index);
            case DOUBLE -> rs.getDouble(index);
            case BOOLEAN -> rs.getBoolean(index);
            case CHAR, VARCHAR, TEXT, ENUM -> rs.getString(index);
            case DATE -> rs.getObject(index, LocalDate.class).toEpochDay();
            case TIME -> rs.getObject(index, LocalTime.class).toNanoOfDay() / 1000;
            case TIMESTAMP -> SampleValues.micros(rs.getObject(index, LocalDateTime.class).toInstant(ZoneOffset.UTC));
            case TIMESTAMPTZ -> SampleValues.micros(engine == SampleEngine.POSTGRESQL
                    ? rs.getObject(index, OffsetDateTime.class).toInstant()
                    : rs.getObject(index, LocalDateTime.class).toInstant(ZoneOffset.UTC));
            case UUID -> rs.getString(index).toLowerCase(Locale.ROOT);
            case JSON -> normaliseJson(rs.getString(index));
            case BYTES -> HexFormat.of().formatHex(rs.getBytes(index));
        };
    }

    private static String normaliseJson(String json) {
        try {
            return JSON.writeValueAsString(JSON.readValue(json, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
