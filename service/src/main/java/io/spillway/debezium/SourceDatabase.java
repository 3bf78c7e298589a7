package io.spillway.debezium;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A short JDBC session on a PostgreSQL connector's source database with the connector's own credentials
 * (its {@code database.*} keys as Connect stores them), for what Spillway reads there: the replication slot,
 * the publication's tables. Host and port are checked before they reach the URL.
 */
public final class SourceDatabase {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private SourceDatabase() {
    }

    public static boolean addressUsable(Map<String, String> connectorConfig) {
        return HOST.matcher(connectorConfig.getOrDefault("database.hostname", "")).matches()
                && PORT.matcher(connectorConfig.getOrDefault("database.port", "5432")).matches()
                && !connectorConfig.getOrDefault("database.dbname", "").isEmpty();
    }

    /** Opens the session; the caller has checked {@link #addressUsable}. Messages may hold the password. */
    public static Connection open(Map<String, String> connectorConfig, String applicationName) throws SQLException {
        String url = "jdbc:postgresql://" + connectorConfig.getOrDefault("database.hostname", "") + ":"
                + connectorConfig.getOrDefault("database.port", "5432") + "/"
                + URLEncoder.encode(connectorConfig.getOrDefault("database.dbname", ""), StandardCharsets.UTF_8)
                        .replace("+", "%20");
        Properties props = new Properties();
        props.setProperty("user", connectorConfig.getOrDefault("database.user", ""));
        props.setProperty("password", connectorConfig.getOrDefault("database.password", ""));
        props.setProperty("connectTimeout", "3");
        props.setProperty("socketTimeout", "5");
        props.setProperty("loginTimeout", "5");
        props.setProperty("ApplicationName", applicationName);
        if (connectorConfig.containsKey("database.sslmode")) {
            props.setProperty("sslmode", connectorConfig.get("database.sslmode"));
        }
        return DriverManager.getConnection(url, props);
    }
}
