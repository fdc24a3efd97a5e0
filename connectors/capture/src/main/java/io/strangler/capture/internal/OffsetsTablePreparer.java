package io.strangler.capture.internal;

import io.strangler.capture.CaptureConfig;
import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.core.row.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure capture will see the apply sink's offsets table before an engine run starts. On PostgreSQL Debezium
 * builds the publication from the tables that exist when it starts, so a sink that creates the table later would go
 * unseen and its writes would be taken for local ones; capture therefore creates the table itself (the same DDL as the
 * sink's). MariaDB's binlog carries every table, nothing to do there.
 */
public final class OffsetsTablePreparer {

    private static final Logger LOGGER = LoggerFactory.getLogger(OffsetsTablePreparer.class);

    private OffsetsTablePreparer() {
    }

    /**
     * @return the table to track origins by for this run, or null when tracking is disabled or the table cannot be
     *         created (then origins stay unknown, which is safe: consumers fall back to content-based detection)
     */
    public static ApplyOffsetsTable prepare(CaptureConfig config) {
        ApplyOffsetsTable table = config.applyOffsetsTable().orElse(null);
        if (table == null || config.engine() != CaptureConfig.Engine.POSTGRESQL) {
            return table;
        }
        Map<String, String> debezium = config.debeziumProperties();
        String url = "jdbc:postgresql://" + debezium.getOrDefault("database.hostname", "localhost") + ":"
                + debezium.getOrDefault("database.port", "5432") + "/" + debezium.getOrDefault("database.dbname", "");
        Properties credentials = new Properties();
        credentials.setProperty("user", debezium.getOrDefault("database.user", ""));
        credentials.setProperty("password", debezium.getOrDefault("database.password", ""));
        credentials.setProperty("sslmode", debezium.getOrDefault("database.sslmode", "prefer"));
        credentials.setProperty("connectTimeout", "10");
        try (Connection connection = DriverManager.getConnection(url, credentials);
                Statement statement = connection.createStatement()) {
            statement.execute(table.createStatement(Engine.POSTGRESQL));
            return table;
        } catch (SQLException e) {
            LOGGER.warn("Capture '{}' cannot create the apply offsets table ({}={}) at {}: {}; changes are published "
                    + "without their origin this run, so the sync falls back to content-based echo detection",
                    config.sourceName(), CaptureConfig.APPLY_OFFSETS_TABLE, table.name(), url, e.getMessage());
            return null;
        }
    }
}
