package io.spillway.pipeline.sync.postgres;

import java.sql.SQLException;
import java.util.Set;

/**
 * Errors that say the target is not laid out as the last load left it: a table or column dropped, a type
 * changed behind Spillway's back. The load is tried again once, reading the catalog.
 */
final class StaleLayout {
    /** undefined_table, undefined_column, datatype_mismatch, invalid_schema_name, cached plan changed. */
    private static final Set<String> STATES = Set.of("42P01", "42703", "42804", "3F000", "0A000");

    private StaleLayout() {
    }

    static boolean is(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
