package io.spillway.connection;

import io.spillway.egress.EgressSocketFactory;
import io.spillway.pipeline.postgres.PgTls;
import io.spillway.secret.Secrets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.springframework.stereotype.Component;

/** Logs in, runs SELECT 1 and checks that the target schema exists and what the role may do in it. */
@Component
class PostgresConnectionTester {
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private final String egressPolicyId;

    PostgresConnectionTester(ConnectionEgress egress) {
        this.egressPolicyId = EgressSocketFactory.register(egress.policy());
    }

    ConnectionTestResult test(PostgresConnection connection) {
        long started = System.nanoTime();
        Properties properties = new Properties();
        // The socket checks the address it connects to: the same check as the jobs' pools.
        properties.setProperty("socketFactory", EgressSocketFactory.class.getName());
        properties.setProperty("socketFactoryArg", egressPolicyId);
        properties.setProperty("user", connection.username());
        if (connection.password() != null) {
            properties.setProperty("password", connection.password());
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("ApplicationName", "spillway-connection-test");
        PgTls.driverProperties(connection.sslmode(), connection.sslRootCert()).forEach(properties::setProperty);
        try (java.sql.Connection sql = DRIVER.connect(connection.jdbcUrl(), properties)) {
            if (sql == null) {
                return ConnectionTester.result(false, "the PostgreSQL driver does not accept jdbc_url", started);
            }
            try (Statement select = sql.createStatement()) {
                select.execute("SELECT 1");
            }
            String version = sql.getMetaData().getDatabaseProductVersion();
            String database = sql.getCatalog();
            return schemaCheck(sql, connection, version, database, started);
        } catch (SQLException e) {
            return ConnectionTester.result(false, "could not connect to PostgreSQL: "
                    + Secrets.scrub(firstLine(e.getMessage()), connection.secretValues()) + PgTls.hint(e), started);
        }
    }

    private static ConnectionTestResult schemaCheck(java.sql.Connection sql, PostgresConnection connection,
            String version, String database, long started) throws SQLException {
        String query = "SELECT has_schema_privilege(n.oid, 'USAGE'), has_schema_privilege(n.oid, 'CREATE')"
                + " FROM pg_catalog.pg_namespace n WHERE n.nspname = ?";
        try (PreparedStatement statement = sql.prepareStatement(query)) {
            statement.setString(1, connection.schema());
            try (ResultSet rows = statement.executeQuery()) {
                String reached = "connected to PostgreSQL " + version + " (database \"" + database + "\") as "
                        + connection.username();
                if (!rows.next()) {
                    return ConnectionTester.result(false, reached + ", but schema \"" + connection.schema()
                            + "\" does not exist: create it or change 'schema'", started);
                }
                boolean usage = rows.getBoolean(1);
                boolean create = rows.getBoolean(2);
                return ConnectionTester.result(usage, reached + "; schema \"" + connection.schema()
                        + "\" exists (usage: " + yesNo(usage) + ", create: " + yesNo(create) + ")"
                        + (usage ? "" : ": grant USAGE on the schema to " + connection.username()), started);
            }
        }
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
