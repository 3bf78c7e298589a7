package io.spillway.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Source == target in SQL. {@link #checksum} renders every row's source columns as one canonical text
 * (each column cast through its source type, timestamps in UTC) and folds the rows' md5s into an
 * order-independent sum, with the row count: equal checksums mean equal tables (rows are keyed by id).
 * {@link #fingerprint} is the cheap version polled while a run goes: row count and sums of id and version.
 */
public final class TableCompare {
    private TableCompare() {
    }

    static String checksum(Connection connection, String qualifiedTable) throws SQLException {
        return checksum(connection, qualifiedTable, SourceTable.CANONICAL_COLUMNS);
    }

    /** The checksum over the given canonical column expressions (each renders one column as text). */
    public static String checksum(Connection connection, String qualifiedTable, List<String> canonicalColumns)
            throws SQLException {
        String row = canonicalRow(canonicalColumns);
        String sql = "SELECT count(*), coalesce(sum(('x' || substr(md5(" + row + "), 1, 15))::bit(60)::bigint::numeric), 0)"
                + " FROM " + qualifiedTable;
        return query(connection, sql);
    }

    static String fingerprint(Connection connection, String qualifiedTable) throws SQLException {
        return query(connection, "SELECT count(*), coalesce(sum(id::text::bigint), 0), "
                + "coalesce(sum(version::text::bigint), 0) FROM " + qualifiedTable);
    }

    /**
     * Each row's md5 over the same canonical text, by key: what tells lost, extra and stale rows apart
     * when the checksums differ (the two tables may live on different servers).
     */
    public static Map<Long, String> rowDigests(Connection connection, String qualifiedTable, String keyColumn,
            List<String> canonicalColumns) throws SQLException {
        Map<Long, String> digests = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = statement.executeQuery("SELECT " + keyColumn + "::text::bigint, md5("
                    + canonicalRow(canonicalColumns) + ") FROM " + qualifiedTable)) {
                while (rs.next()) {
                    digests.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return digests;
    }

    private static String canonicalRow(List<String> canonicalColumns) {
        return "concat_ws('|', " + String.join(", ", canonicalColumns) + ")";
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                StringBuilder out = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.append(i == 1 ? "" : ":").append(rs.getString(i));
                }
                return out.toString();
            }
        }
    }

    /** Row count of a checksum or fingerprint. */
    public static long rows(String checksum) {
        return Long.parseLong(checksum.substring(0, checksum.indexOf(':')));
    }
}
