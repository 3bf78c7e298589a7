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
 * The table is created with the first load into the schema, so every load may consult it.
 */
final class TruncateWatermarks {
    static final String TABLE = "__spillway_truncates";
    private static final String TABLE_NAME = "table_name";

    private final String schema;

    private TruncateWatermarks(String schema) {
        this.schema = schema;
    }

    /** The schema's watermarks, its table created when missing (one catalog lookup). */
    static TruncateWatermarks ensure(Connection connection, String schema) throws SQLException {
        if (PgTargets.columnsOf(connection, schema, TABLE).isEmpty()) {
            // Creation is serialised on its own lock: two first loads into one schema must not race.
            PgTargets.lockTable(connection, schema, TABLE);
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE IF NOT EXISTS " + qualified(schema, TABLE) + " (" + quote(TABLE_NAME)
                        + " text PRIMARY KEY, " + quote(LSN) + " bigint NOT NULL)");
            }
        }
        return new TruncateWatermarks(schema);
    }

    /** The watermarks of a schema a committed load has seen them in. */
    static TruncateWatermarks known(String schema) {
        return new TruncateWatermarks(schema);
    }

    /**
     * Records a truncate of {@code table} at {@code lsn}; false when one at least as new was applied already
     * (a replay), so the caller must not truncate. Run under the table's lock.
     */
    boolean record(Connection connection, String table, long lsn) throws SQLException {
        if (lsn <= 0) {
            return true; // no position: applied as before, without a watermark
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

    /**
     * The statement that drops the staged changes of the table (given as a SQL string literal) that are not
     * newer than its last truncate.
     */
    String dropReplayed(String tableLiteral, String stage) {
        return "DELETE FROM " + quote(stage) + " s USING " + qualified(schema, TABLE) + " w WHERE w."
                + quote(TABLE_NAME) + " = " + tableLiteral + " AND s." + quote(LSN) + " > 0 AND s." + quote(LSN)
                + " <= w." + quote(LSN);
    }
}
