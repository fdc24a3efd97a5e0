package io.strangler.embedded.sample.internal;

import io.strangler.embedded.sample.SampleColumn;
import io.strangler.embedded.sample.SampleEngine;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Binds generated values with explicit types so that nothing depends on the JVM time zone: PostgreSQL gets
 * timestamptz as an OffsetDateTime in UTC; MariaDB gets TIMESTAMP(6) as a UTC wall-clock time, which is why
 * writers on MariaDB set the session time zone to UTC first (see {@link Sessions}).
 */
public final class JdbcBinder {

    private final SampleEngine engine;

    public JdbcBinder(SampleEngine engine) {
        this.engine = engine;
    }

    public void bind(PreparedStatement statement, int index, SampleColumn column, Object value) throws SQLException {
        boolean postgres = engine == SampleEngine.POSTGRESQL;
        if (value == null) {
            statement.setNull(index, sqlType(column, postgres));
            return;
        }
        switch (column.type()) {
            case SMALLINT -> statement.setShort(index, ((Number) value).shortValue());
            case INT -> statement.setInt(index, ((Number) value).intValue());
            case BIGINT -> statement.setLong(index, ((Number) value).longValue());
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case REAL -> statement.setFloat(index, ((Number) value).floatValue());
            case DOUBLE -> statement.setDouble(index, ((Number) value).doubleValue());
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case CHAR, VARCHAR, TEXT -> statement.setString(index, (String) value);
            case DATE, TIME, TIMESTAMP -> statement.setObject(index, value);
            case TIMESTAMPTZ -> {
                Instant instant = (Instant) value;
                statement.setObject(index, postgres ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                        : LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            }
            case UUID -> {
                if (postgres) {
                    statement.setObject(index, value);
                } else {
                    statement.setString(index, ((UUID) value).toString());
                }
            }
            case JSON, ENUM -> {
                if (postgres) {
                    statement.setObject(index, value, Types.OTHER); // server casts to jsonb / the enum type
                } else {
                    statement.setString(index, (String) value);
                }
            }
            case BYTES -> statement.setBytes(index, (byte[]) value);
        }
    }

    private static int sqlType(SampleColumn column, boolean postgres) {
        return switch (column.type()) {
            case SMALLINT -> Types.SMALLINT;
            case INT -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DECIMAL -> Types.NUMERIC;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case CHAR, VARCHAR, TEXT -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMPTZ -> postgres ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP;
            case UUID, JSON, ENUM -> postgres ? Types.OTHER : Types.VARCHAR;
            case BYTES -> Types.VARBINARY;
        };
    }
}
