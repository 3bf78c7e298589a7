package io.spillway.pipeline.sync.postgres;

import static io.spillway.pipeline.postgres.PgIdentifiers.qualified;
import static io.spillway.pipeline.postgres.PgIdentifiers.quote;
import static io.spillway.pipeline.sync.postgres.SyncTableLayout.LSN;

import io.spillway.pipeline.postgres.PgTargets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The LSN of each target table's last applied truncate, in {@code <schema>.__spillway_truncates}
 * ({@code table_name} text primary key, {@code __spillway_lsn}): a truncate not newer than the watermark is
 * not applied again, and a staged change not newer than it is dropped before the upsert and the delete, so
 * a replayed window from before a truncate changes nothing. Changes without an LSN (0) are not guarded.
 * The table is created with the first truncate; until then a window costs one catalog lookup.
 */
final class TruncateWatermarks {
    static final String TABLE = "__spillway_truncates";
    private static final String TABLE_NAME = "table_name";

    private final String schema;
    private boolean exists;

    private TruncateWatermarks(String schema, boolean exists) {
        this.schema = schema;
        this.exists = exists;
    }

    /** The schema's watermarks as this transaction sees them (one catalog lookup). */
    static TruncateWatermarks of(Connection connection, String schema) throws SQLException {
        return new TruncateWatermarks(schema, !PgTargets.columnsOf(connection, schema, TABLE).isEmpty());
    }

    /**
     * Records a truncate of {@code table} at {@code lsn}; false when one at least as new was applied already
     * (a replay), so the caller must not truncate. Run under the table's lock.
     */
    boolean record(Connection connection, String table, long lsn) throws SQLException {
        if (lsn <= 0) {
            return true; // no position: applied as before, without a watermark
        }
        if (!exists) {
            // Creation is serialised on its own lock: two first truncates in one schema must not race.
            PgTargets.lockTable(connection, schema, TABLE);
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE IF NOT EXISTS " + qualified(schema, TABLE) + " (" + quote(TABLE_NAME)
                        + " text PRIMARY KEY, " + quote(LSN) + " bigint NOT NULL)");
            }
            exists = true;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + qualified(schema, TABLE)
                + " AS w (" + quote(TABLE_NAME) + ", " + quote(LSN) + ") VALUES (?, ?) ON CONFLICT ("
                + quote(TABLE_NAME) + ") DO UPDATE SET " + quote(LSN) + " = EXCLUDED." + quote(LSN)
                + " WHERE w." + quote(LSN) + " < EXCLUDED." + quote(LSN))) {
            upsert.setString(1, table);
            upsert.setLong(2, lsn);
            return upsert.executeUpdate() > 0;
        }
    }

    /** Drops the staged changes of {@code table} that are not newer than its last truncate (one statement). */
    void dropReplayed(Connection connection, String table, String stage) throws SQLException {
        if (!exists) {
            return;
        }
        try (PreparedStatement drop = connection.prepareStatement("DELETE FROM " + quote(stage) + " s USING "
                + qualified(schema, TABLE) + " w WHERE w." + quote(TABLE_NAME) + " = ? AND s." + quote(LSN)
                + " > 0 AND s." + quote(LSN) + " <= w." + quote(LSN))) {
            drop.setString(1, table);
            drop.executeUpdate();
        }
    }
}
