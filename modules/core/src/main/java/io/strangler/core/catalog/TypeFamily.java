package io.strangler.core.catalog;

/**
 * Engine-independent groups of column types. Two columns in the same family hold the same canonical values
 * (see the canonical value contract), so a mapping may pair them; {@link #ENUM} also pairs with
 * {@link #STRING}, and {@link #UUID} with a string of at least 36 characters.
 */
public enum TypeFamily {
    /** smallint, int, bigint, MariaDB tinyint (except tinyint(1)), mediumint, year. */
    INTEGER,
    /** numeric/decimal with precision and scale. */
    DECIMAL,
    /** real, double precision, float, double. */
    FLOAT,
    /** PostgreSQL boolean, MariaDB tinyint(1)/boolean, bit(1). */
    BOOLEAN,
    /** char, varchar, text and their variants. */
    STRING,
    DATE,
    TIME,
    /** A timestamp without time zone (PostgreSQL timestamp, MariaDB datetime). */
    TIMESTAMP,
    /** An instant (PostgreSQL timestamptz, MariaDB timestamp, which it stores in UTC). */
    TIMESTAMPTZ,
    /** PostgreSQL uuid, MariaDB uuid. */
    UUID,
    /** json, jsonb, MariaDB JSON (a longtext with a json_valid check). */
    JSON,
    /** bytea, binary, varbinary, blobs. */
    BYTES,
    /** PostgreSQL enum types, MariaDB ENUM(...). */
    ENUM,
    /** Anything else (arrays, intervals, geometry, ...): only identical types may be paired. */
    OTHER
}
