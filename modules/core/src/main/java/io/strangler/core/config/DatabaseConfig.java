package io.strangler.core.config;

import io.strangler.core.row.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * A database connection's settings, defined under a prefix so that a processor can hold several
 * ({@code database.}, or {@code monolith.database.} and {@code service.database.}):
 * <pre>{@code
 * ConfigDef def = ConfigDefs.combine(StranglerConfig.configDef(), DatabaseConfig.configDef("database."));
 * DatabaseConfig database = DatabaseConfig.from(config, "database.");
 * try (Connection connection = database.connect()) { ... }
 * }</pre>
 *
 * @param url      the JDBC URL
 * @param user     the user name
 * @param password the password; {@code null} for none. {@link Password#toString()} hides it
 * @param engine   the engine, as configured or detected from the URL
 */
public record DatabaseConfig(String url, String user, Password password, Engine engine) {

    public static final String DEFAULT_PREFIX = "database.";
    public static final String URL = "url";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String ENGINE = "engine";

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(engine, "engine");
    }

    /** The definitions under {@code database.}. */
    public static ConfigDef configDef() {
        return configDef(DEFAULT_PREFIX);
    }

    /** The definitions under {@code prefix}, which ends with a dot. */
    public static ConfigDef configDef(String prefix) {
        return new ConfigDef()
                .define(prefix + URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, jdbcUrl(), Importance.HIGH,
                        "JDBC URL of the database, e.g. jdbc:postgresql://localhost:5432/shop or"
                                + " jdbc:mariadb://localhost:3306/shop.")
                .define(prefix + USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDefs.nonBlank(), Importance.HIGH,
                        "Database user.")
                .define(prefix + PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                        "Password of the database user. Unset means no password.")
                .define(prefix + ENGINE, Type.STRING, null,
                        ConfigDefs.optionalOneOf(List.of("postgresql", "mariadb", "mysql")),
                        Importance.LOW, "Database engine (mysql is read as mariadb). Unset means detect it from the"
                                + " JDBC URL; set it when the URL does not tell.");
    }

    /** Reads the settings under {@code prefix} from a configuration defined with {@link #configDef(String)}. */
    public static DatabaseConfig from(AbstractConfig config, String prefix) {
        String url = config.getString(prefix + URL);
        String engineName = config.getString(prefix + ENGINE);
        Engine engine;
        if (engineName != null) {
            engine = Engine.fromName(engineName);
        }
        else if (url.startsWith("jdbc:postgresql:")) {
            engine = Engine.POSTGRESQL;
        }
        else if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            engine = Engine.MARIADB;
        }
        else {
            throw new ConfigException(prefix + ENGINE, null,
                    "cannot tell the engine from " + prefix + URL + " '" + url + "': set " + prefix + ENGINE);
        }
        return new DatabaseConfig(url, config.getString(prefix + USER), config.getPassword(prefix + PASSWORD), engine);
    }

    /** Opens a connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password == null ? null : password.value());
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "[hidden]")
                + ", engine=" + engine + "]";
    }

    private static ConfigDef.Validator jdbcUrl() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || !value.toString().startsWith("jdbc:")) {
                throw new ConfigException(name, value, "must be a JDBC URL starting with jdbc:");
            }
        }, () -> "JDBC URL (jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:)");
    }
}
