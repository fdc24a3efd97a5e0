package io.strangler.embedded.sample;

/**
 * The logical type of a sample column, with the Java class the generator uses for its values and the
 * PostgreSQL / MariaDB types it stands for.
 */
public enum SampleType {
    /** {@code Short}; smallint / SMALLINT. */
    SMALLINT,
    /** {@code Integer}; integer / INT. */
    INT,
    /** {@code Long}; bigint / BIGINT. */
    BIGINT,
    /** {@code BigDecimal} at the column scale; numeric(p,s) / DECIMAL(p,s). */
    DECIMAL,
    /** {@code Float}; real / FLOAT. */
    REAL,
    /** {@code Double}; double precision / DOUBLE. */
    DOUBLE,
    /** {@code Boolean}; boolean / BOOLEAN (TINYINT(1)). */
    BOOLEAN,
    /** {@code String} of exactly the declared length; char(n) / CHAR(n). */
    CHAR,
    /** {@code String}; varchar(n) / VARCHAR(n). */
    VARCHAR,
    /** {@code String}; text / TEXT. */
    TEXT,
    /** {@code LocalDate}; date / DATE. */
    DATE,
    /** {@code LocalTime}; time / TIME(6). */
    TIME,
    /** {@code LocalDateTime}, a wall-clock time without zone; timestamp / DATETIME(6). */
    TIMESTAMP,
    /** {@code Instant}; timestamptz / TIMESTAMP(6) (stored in UTC). */
    TIMESTAMPTZ,
    /** {@code UUID}; uuid / UUID. */
    UUID,
    /** {@code String} holding compact JSON with sorted keys; jsonb / JSON. */
    JSON,
    /** {@code byte[]}; bytea / VARBINARY or BLOB. */
    BYTES,
    /** {@code String} label; CREATE TYPE ... AS ENUM / ENUM(...). */
    ENUM
}
