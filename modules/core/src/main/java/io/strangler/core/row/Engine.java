package io.strangler.core.row;

import java.util.Locale;

/**
 * The database engine family a value was read from. Engine-specific reading rules (how a driver reports
 * a type, how {@code TINYINT(1)} or {@code CHAR(n)} behave) key off this; the canonical value itself is
 * engine-independent.
 *
 * <p>Example: {@code Engine.fromName("mysql")} returns {@link #MARIADB}, because MySQL and MariaDB share
 * the reading rules used here.
 */
public enum Engine {
    POSTGRESQL,
    /** MariaDB and MySQL: the MySQL family behaves identically for canonical conversion. */
    MARIADB;

    /**
     * Parses an engine name as written in configuration ({@code postgresql}, {@code postgres},
     * {@code mariadb}, {@code mysql}), case-insensitively.
     *
     * @throws IllegalArgumentException naming the value when it is not a known engine
     */
    public static Engine fromName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("engine name is null; expected postgresql, mariadb or mysql");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres", "pg" -> POSTGRESQL;
            case "mariadb", "mysql" -> MARIADB;
            default -> throw new IllegalArgumentException(
                    "unknown engine '" + name + "'; expected postgresql, mariadb or mysql");
        };
    }
}
