package io.strangler.generator.model;

/**
 * How a column travels through the API: its OpenAPI type and format, the Java type of its record component, and
 * the generated service's {@code ValueType} of the same name.
 * <p>
 * Decimals are strings ({@code format: decimal}) with a pattern for their precision and scale: a JSON number is a
 * binary double in most clients and would lose digits of a {@code numeric(12,2)}. Timestamps without time zone
 * are strings with a pattern (RFC 3339 {@code date-time} requires an offset, which such a column does not hold);
 * timestamps with time zone are {@code date-time}, written in UTC.
 */
public enum FieldType {
    INT16("integer", "int32", "Integer"),
    INT32("integer", "int32", "Integer"),
    INT64("integer", "int64", "Long"),
    DECIMAL("string", "decimal", "java.math.BigDecimal"),
    FLOAT32("number", "float", "Float"),
    FLOAT64("number", "double", "Double"),
    BOOLEAN("boolean", null, "Boolean"),
    STRING("string", null, "String"),
    DATE("string", "date", "java.time.LocalDate"),
    TIME("string", "time", "java.time.LocalTime"),
    TIMESTAMP("string", "local-date-time", "java.time.LocalDateTime"),
    TIMESTAMPTZ("string", "date-time", "java.time.OffsetDateTime"),
    UUID("string", "uuid", "java.util.UUID"),
    JSON(null, null, "com.fasterxml.jackson.databind.JsonNode"),
    BYTES("string", "byte", "byte[]"),
    ENUM("string", null, "String"),
    OTHER("string", null, "String");

    private final String openApiType;
    private final String format;
    private final String javaType;

    FieldType(String openApiType, String format, String javaType) {
        this.openApiType = openApiType;
        this.format = format;
        this.javaType = javaType;
    }

    /** Null for JSON columns: any JSON value. */
    public String openApiType() {
        return openApiType;
    }

    public String format() {
        return format;
    }

    /** Fully qualified unless in java.lang. */
    public String javaType() {
        return javaType;
    }

    /** The filter operators a column of this type takes, as the generated {@code Operator.appliesTo} decides. */
    public java.util.List<String> operators() {
        java.util.List<String> operators = new java.util.ArrayList<>();
        if (this != BYTES) {
            operators.add("eq");
            operators.add("ne");
        }
        if (this != JSON && this != BYTES && this != BOOLEAN) {
            operators.addAll(java.util.List.of("lt", "le", "gt", "ge"));
        }
        if (this != BYTES) {
            operators.add("in");
        }
        if (this == STRING || this == ENUM) {
            operators.addAll(java.util.List.of("like", "ilike"));
        }
        operators.add("isnull");
        return operators;
    }

    public boolean sortable() {
        return this != JSON && this != BYTES;
    }
}
