package io.strangler.capture.internal;

import io.strangler.capture.CaptureConfig;
import io.strangler.core.origin.ApplyOffsetsTable;
import io.strangler.core.row.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure capture will see the apply sink's offsets table before an engine run starts, by creating it (the same DDL
 * as the sink's) when missing. On PostgreSQL Debezium builds the publication from the tables that exist when it
 * starts, so a sink that creates the table later would go unseen and its writes would be taken for local ones. On
 * MariaDB a table the sink creates while the connector takes its schema snapshot can fall between the snapshot and
 * its binlog position: the connector then fails on every write to it ("schema isn't known") and never recovers;
 * SyncEndToEndIT hit exactly that when the sink started during capture's snapshot.
 */
public final class OffsetsTablePreparer {

    private static final Logger LOGGER = LoggerFactory.getLogger(OffsetsTablePreparer.class);
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private OffsetsTablePreparer() {
    }

    /**
     * @return the table to track origins by for this run, or null when tracking is disabled or, on PostgreSQL, the
     *         table cannot be created (then origins stay unknown, which is safe: consumers fall back to content-based
     *         detection)
     */
    public static ApplyOffsetsTable prepare(CaptureConfig config) {
        ApplyOffsetsTable table = config.applyOffsetsTable().orElse(null);
        if (table == null) {
            return null;
        }
        Map<String, String> debezium = config.debeziumProperties();
        Properties credentials = new Properties();
        credentials.setProperty("user", debezium.getOrDefault("database.user", ""));
        credentials.setProperty("password", debezium.getOrDefault("database.password", ""));
        String host = debezium.getOrDefault("database.hostname", "localhost");
        if (config.engine() == CaptureConfig.Engine.POSTGRESQL) {
            String url = "jdbc:postgresql://" + host + ":" + debezium.getOrDefault("database.port", "5432") + "/"
                    + debezium.getOrDefault("database.dbname", "");
            credentials.setProperty("sslmode", debezium.getOrDefault("database.sslmode", "prefer"));
            credentials.setProperty("connectTimeout", "10");
            try {
                create(url, credentials, table.createStatement(Engine.POSTGRESQL));
                return table;
            } catch (SQLException e) {
                LOGGER.warn("Capture '{}' cannot create the apply offsets table ({}={}) at {}: {}; changes are "
                        + "published without their origin this run, so the sync falls back to content-based echo "
                        + "detection", config.sourceName(), CaptureConfig.APPLY_OFFSETS_TABLE, table.name(), url,
                        e.getMessage());
                return null;
            }
        }
        String url = "jdbc:mariadb://" + host + ":" + debezium.getOrDefault("database.port", "3306") + "/";
        credentials.setProperty("connectTimeout", "10000");
        if ("disable".equalsIgnoreCase(debezium.get("database.ssl.mode"))) {
            credentials.setProperty("sslMode", "disable");
        }
        for (String database : databases(table, debezium.get("database.include.list"))) {
            try {
                create(url, credentials, ApplyOffsetsTable.of(database + "." + table.table())
                        .createStatement(Engine.MARIADB));
            } catch (SQLException e) {
                // the binlog still carries the table once the sink creates it; only the snapshot race remains
                LOGGER.warn("Capture '{}' cannot create the apply offsets table {}.{} at {}: {}; if the apply sink "
                        + "creates it while capture takes its snapshot, capture cannot read its writes",
                        config.sourceName(), database, table.table(), url, e.getMessage());
            }
        }
        return table;
    }

    /** The databases to create the table in: its own schema, or every plain name of the include list. */
    private static List<String> databases(ApplyOffsetsTable table, String includeList) {
        if (table.schema() != null) {
            return List.of(table.schema());
        }
        if (includeList == null || includeList.isBlank()) {
            return List.of();
        }
        return Arrays.stream(includeList.split(",")).map(String::trim)
                .filter(name -> PLAIN_NAME.matcher(name).matches()).toList();
    }

    private static void create(String url, Properties credentials, String ddl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, credentials);
                Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }
}
