package io.strangler.core.row;

/**
 * The logical kind of a column, which decides its canonical representation.
 *
 * <table>
 * <caption>Canonical Java type per kind</caption>
 * <tr><th>kind</th><th>canonical value</th></tr>
 * <tr><td>INTEGER</td><td>{@link Long}</td></tr>
 * <tr><td>DECIMAL</td><td>{@link String}, plain, at the column scale (or trailing zeros stripped when the
 *     scale is variable)</td></tr>
 * <tr><td>FLOAT32, FLOAT64</td><td>{@link Double}; FLOAT32 as the shortest decimal of the float</td></tr>
 * <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 * <tr><td>STRING, ENUM, SET</td><td>{@link String}</td></tr>
 * <tr><td>FIXED_CHAR</td><td>{@link String} with trailing spaces removed</td></tr>
 * <tr><td>DATE</td><td>{@link Long} days since 1970-01-01</td></tr>
 * <tr><td>TIME</td><td>{@link Long} microseconds of day</td></tr>
 * <tr><td>TIMESTAMP</td><td>{@link Long} microseconds since epoch, wall clock read as UTC</td></tr>
 * <tr><td>TIMESTAMPTZ</td><td>{@link Long} UTC microseconds since epoch</td></tr>
 * <tr><td>UUID</td><td>{@link String}, lower case</td></tr>
 * <tr><td>JSON</td><td>{@link String}, normalised JSON</td></tr>
 * <tr><td>BINARY</td><td>{@link BinaryValue}</td></tr>
 * <tr><td>BITS</td><td>{@link String} of '0'/'1', most significant bit first, declared length</td></tr>
 * </table>
 *
 * <p>Example: a caller that knows a Connect {@code INT16} field is a MariaDB {@code TINYINT(1)} passes
 * {@link #BOOLEAN} as a hint to {@link CanonicalValue#fromConnect(String, org.apache.kafka.connect.data.Schema,
 * Object, ValueKind)}.
 */
public enum ValueKind {
    INTEGER,
    DECIMAL,
    FLOAT32,
    FLOAT64,
    BOOLEAN,
    STRING,
    FIXED_CHAR,
    ENUM,
    SET,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMPTZ,
    UUID,
    JSON,
    BINARY,
    BITS
}
