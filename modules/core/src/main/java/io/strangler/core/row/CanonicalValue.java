package io.strangler.core.row;

import io.strangler.core.row.internal.ConnectValueConverter;
import io.strangler.core.row.internal.JdbcValueReader;
import io.strangler.core.row.internal.Values;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.kafka.connect.data.Schema;

/**
 * Conversions into and out of canonical values: {@code null}, {@link Boolean}, {@link Long}, {@link Double},
 * {@link String} or {@link BinaryValue}. See {@link ValueKind} for which database types become what, and
 * {@code docs/row-hash.md} for the rules.
 *
 * <p>Example:
 * <pre>{@code
 * CanonicalValue.prepareSession(connection, Engine.MARIADB);
 * try (ResultSet rs = statement.executeQuery("SELECT price FROM product")) {
 *     rs.next();
 *     Object price = CanonicalValue.fromJdbc(rs, 1, ColumnType.of(Engine.MARIADB, "decimal", 12, 2)); // "12.50"
 * }
 * Object same = CanonicalValue.fromConnect("price", decimalSchema, new BigDecimal("12.5")); // "12.50"
 * }</pre>
 */
public final class CanonicalValue {

    /** What {@link #fromConnect} returns for Debezium's unavailable-value placeholder. */
    public static final UnavailableValue UNAVAILABLE = UnavailableValue.INSTANCE;

    private CanonicalValue() {
    }

    /**
     * Prepares a JDBC session so that {@link #fromJdbc} reads correctly: on MariaDB/MySQL sets the session
     * time zone to UTC, because {@code TIMESTAMP} values are shown in the session zone. PostgreSQL needs
     * nothing ({@code timestamptz} is read as an instant).
     */
    public static void prepareSession(Connection connection, Engine engine) throws SQLException {
        if (engine == Engine.MARIADB) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET time_zone = '+00:00'");
            }
        }
    }

    /**
     * Reads column {@code index} (1-based) of the current row as a canonical value.
     *
     * @throws CanonicalValueException naming the column and type when the type is unsupported or the value
     *                                 cannot be represented
     */
    public static Object fromJdbc(ResultSet resultSet, int index, ColumnType type) throws SQLException {
        return JdbcValueReader.read(resultSet, index, type);
    }

    /** As {@link #fromJdbc(ResultSet, int, ColumnType)} with the type taken from the result set's metadata. */
    public static Object fromJdbc(ResultSet resultSet, int index, Engine engine) throws SQLException {
        return fromJdbc(resultSet, index, ColumnType.fromMetadata(engine, resultSet.getMetaData(), index));
    }

    /**
     * Converts a Connect value as Debezium emits it. Returns {@link #UNAVAILABLE} for Debezium's
     * unavailable-value placeholder (never a data value).
     *
     * @throws CanonicalValueException naming the column and the Connect type when it is unsupported
     */
    public static Object fromConnect(String column, Schema schema, Object value) {
        return ConnectValueConverter.convert(column, schema, value, null);
    }

    /**
     * As {@link #fromConnect(String, Schema, Object)}, with a caller's hint for what the schema alone does not
     * say: {@link ValueKind#BOOLEAN} for an integer that is a MariaDB {@code TINYINT(1)},
     * {@link ValueKind#FIXED_CHAR} for a {@code CHAR(n)} string, {@link ValueKind#UUID} or
     * {@link ValueKind#JSON} for a plain string. {@code null} means no hint; other hints are ignored.
     */
    public static Object fromConnect(String column, Schema schema, Object value, ValueKind hint) {
        return ConnectValueConverter.convert(column, schema, value, hint);
    }

    public static boolean isUnavailable(Object value) {
        return value instanceof UnavailableValue;
    }

    /**
     * Checks that {@code value} is canonical and returns its canonical instance ({@code byte[]} and
     * {@link ByteBuffer} become {@link BinaryValue}, {@code -0.0} becomes {@code 0.0}).
     *
     * @throws CanonicalValueException naming {@code column} otherwise
     */
    public static Object requireCanonical(String column, Object value) {
        return Values.requireCanonical(column, value);
    }

    /**
     * The value for the Avro union {@code ["null","boolean","long","double","string","bytes"]}:
     * {@link BinaryValue} becomes a fresh {@link ByteBuffer}, everything else is unchanged.
     */
    public static Object toAvro(Object canonical) {
        Object value = Values.requireCanonical("<avro>", canonical);
        return value instanceof BinaryValue binary ? binary.toByteBuffer() : value;
    }

    /**
     * A value read from that Avro union back to canonical: {@link CharSequence} (Avro's {@code Utf8}) becomes
     * {@link String}, {@link ByteBuffer} becomes {@link BinaryValue} (the buffer's position is not moved).
     */
    public static Object fromAvro(Object avro) {
        if (avro instanceof CharSequence text && !(avro instanceof String)) {
            return text.toString();
        }
        return Values.requireCanonical("<avro>", avro);
    }
}
