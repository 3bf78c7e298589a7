package io.spillway.pipeline.sync.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A target table's columns (name to {@code format_type}) and primary key, read in one catalog query per table
 * per window: what schema changes are compared against. Empty columns when the table does not exist.
 */
record TargetLayout(Map<String, String> columns, Set<String> primaryKey) {
    boolean exists() {
        return !columns.isEmpty();
    }

    static TargetLayout read(Connection connection, String schema, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        Set<String> key = new LinkedHashSet<>();
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), coalesce(a.attnum = ANY(i.indkey), false)
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
                WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                    if (rs.getBoolean(3)) {
                        key.add(rs.getString(1));
                    }
                }
            }
        }
        return new TargetLayout(columns, key);
    }
}
