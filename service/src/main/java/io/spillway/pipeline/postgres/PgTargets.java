package io.spillway.pipeline.postgres;

import io.spillway.egress.EgressRefusedException;
import io.spillway.egress.Endpoints;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.TargetTimeouts;
import io.spillway.secret.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Utils;

/** Opening a target database and the catalog look-ups the jobs share. */
public final class PgTargets {
    private PgTargets() {
    }

    /**
     * A pooled connection with auto-commit off. Pools are kept per target (URL, user, password), so a
     * window costs no new connection, no TLS or SCRAM handshake: with max_event 1, windows are not rare.
     */
    public static Connection open(PostgresTarget target) throws SQLException {
        try {
            // Before the pool: a refused target fails at once, not after the pool's timeout. The pool's sockets
            // check again the address they connect to (EgressSocketFactory).
            target.egress().checkAll(Endpoints.ofJdbcUrl(target.jdbcUrl()));
        } catch (EgressRefusedException e) {
            throw new SQLNonTransientConnectionException("cannot connect to " + Secrets.redactUrl(target.jdbcUrl())
                    + ": " + e.getMessage(), "08004", e);
        }
        try {
            return TargetPools.dataSourceFor(target).getConnection();
        } catch (SQLTransientConnectionException e) {
            // The pool's own message says only "timed out"; the driver's reason (if any yet) is in the cause.
            String last = e.getCause() != null ? " (last error: " + e.getCause().getMessage() + ")" : "";
            throw new SQLTransientConnectionException("cannot connect to " + Secrets.redactUrl(target.jdbcUrl())
                    + ": timed out after " + TargetTimeouts.current().pool().toMillis() + " ms waiting for a"
                    + " connection" + last + PgTls.hint(e), e.getSQLState(), e);
        }
    }

    /**
     * Rolls back after {@code failure}, which stays the error: when the connection is gone (a socket timeout
     * closed it), the rollback's own "connection is closed" must not hide why the job failed.
     */
    public static void rollbackAfter(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            failure.addSuppressed(rollback);
        }
    }

    /** Serialises writers of one table (e.g. two consumers, or creation races) until the transaction ends. */
    public static void lockTable(Connection connection, String schema, String table) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute(lockTableSql(connection, schema, table));
        }
    }

    /** The statement of {@link #lockTable}, to send along with others in one round trip. */
    public static String lockTableSql(Connection connection, String schema, String table) throws SQLException {
        return "SELECT pg_advisory_xact_lock(hashtextextended(" + literal(connection, "spillway:" + schema + "." + table)
                + ", 0))";
    }

    /** {@code value} as a SQL string literal for this connection (pgjdbc's escaping; a NUL is refused). */
    public static String literal(Connection connection, String value) throws SQLException {
        boolean standard = connection.unwrap(BaseConnection.class).getStandardConformingStrings();
        return "'" + Utils.escapeLiteral(null, value, standard) + "'";
    }

    public static void ensureSchema(Connection connection, String schema) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            exists.setString(1, schema);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA IF NOT EXISTS " + PgIdentifiers.quote(schema));
        }
    }

    /** Column name to its SQL type, in column order; empty when the table does not exist. */
    public static Map<String, String> columnsOf(Connection connection, String schema, String table)
            throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }
}
