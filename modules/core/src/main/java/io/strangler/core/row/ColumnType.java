package io.strangler.core.row;

import io.strangler.core.row.internal.TypeClassifier;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Objects;

/**
 * The minimal description of a column needed to read its values canonically: the engine, the type name as
 * the database spells it, the JDBC type code, and the declared length, precision and scale.
 *
 * <p>{@link #kind()} classifies it. Where the driver's metadata cannot tell (MariaDB {@code JSON} is a
 * {@code LONGTEXT} with a check constraint; a PostgreSQL enum is reported under its own type name), the
 * caller builds the type from the catalogue with the real type name, e.g. {@code ColumnType.of(MARIADB,
 * "json")} or {@code ColumnType.of(POSTGRESQL, "enum")}.
 *
 * <p>Example: {@code ColumnType.of(Engine.POSTGRESQL, "numeric", 12, 2)} reads values as strings with two
 * decimals, {@code "12.50"}.
 *
 * @param engine    engine family
 * @param typeName  type name as the database reports it ({@code int4}, {@code TINYINT}, {@code timestamptz})
 * @param jdbcType  {@link java.sql.Types} code, or {@link Types#OTHER} when unknown
 * @param length    declared length (characters/bytes/bits) or 0 when none
 * @param precision declared precision, 0 when none
 * @param scale     declared scale, or {@link #VARIABLE_SCALE} for a numeric without declared scale
 */
public record ColumnType(Engine engine, String typeName, int jdbcType, int length, int precision, int scale) {

    /** Scale of a numeric column declared without precision/scale: trailing zeros are stripped. */
    public static final int VARIABLE_SCALE = -1;

    public ColumnType {
        Objects.requireNonNull(engine, "engine");
        if (typeName == null || typeName.isBlank()) {
            throw new IllegalArgumentException("typeName must not be blank");
        }
        typeName = typeName.trim();
        if (length < 0 || precision < 0) {
            throw new IllegalArgumentException("length and precision must be >= 0 for type " + typeName
                    + " (length=" + length + ", precision=" + precision + ")");
        }
        if (scale < VARIABLE_SCALE) {
            throw new IllegalArgumentException("scale must be >= 0 or VARIABLE_SCALE for type " + typeName
                    + " (scale=" + scale + ")");
        }
    }

    public static ColumnType of(Engine engine, String typeName) {
        return new ColumnType(engine, typeName, Types.OTHER, 0, 0, 0);
    }

    public static ColumnType ofLength(Engine engine, String typeName, int length) {
        return new ColumnType(engine, typeName, Types.OTHER, length, 0, 0);
    }

    public static ColumnType of(Engine engine, String typeName, int precision, int scale) {
        return new ColumnType(engine, typeName, Types.OTHER, 0, precision, scale);
    }

    /**
     * Derives the type of result column {@code index} (1-based) from the driver's metadata. Good for every
     * type the driver names faithfully; see the class comment for the exceptions.
     */
    public static ColumnType fromMetadata(Engine engine, ResultSetMetaData metaData, int index) throws SQLException {
        String name = metaData.getColumnTypeName(index);
        int jdbcType = metaData.getColumnType(index);
        int precision = Math.max(0, metaData.getPrecision(index));
        int scale = Math.max(0, metaData.getScale(index));
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (engine == Engine.POSTGRESQL && lower.equals("numeric") && (precision == 0 || precision > 1000)) {
            // pgjdbc reports an unconstrained numeric with precision 0 (older drivers: 131089)
            return new ColumnType(engine, name, jdbcType, 0, 0, VARIABLE_SCALE);
        }
        int length = switch (jdbcType) {
            case Types.CHAR, Types.NCHAR, Types.VARCHAR, Types.NVARCHAR, Types.BINARY, Types.VARBINARY, Types.BIT,
                 Types.TINYINT, Types.BOOLEAN -> precision;
            default -> 0;
        };
        return new ColumnType(engine, name == null || name.isBlank() ? "unknown" : name, jdbcType, length, precision, scale);
    }

    /** The canonical kind, e.g. {@link ValueKind#BOOLEAN} for MariaDB {@code TINYINT(1)}. */
    public ValueKind kind() {
        return TypeClassifier.classify(this);
    }

    @Override
    public String toString() {
        return engine.name().toLowerCase(Locale.ROOT) + ":" + typeName
                + (length > 0 ? "(" + length + ")" : precision > 0 ? "(" + precision + "," + scale + ")" : "");
    }
}
