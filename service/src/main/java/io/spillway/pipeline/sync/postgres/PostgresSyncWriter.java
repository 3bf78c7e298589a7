package io.spillway.pipeline.sync.postgres;

import static io.spillway.pipeline.postgres.PgIdentifiers.qualified;
import static io.spillway.pipeline.postgres.PgIdentifiers.quote;
import static io.spillway.pipeline.sync.postgres.SyncTableLayout.LSN;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Column;
import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PausedTable;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.SchemaChangePolicy;
import io.spillway.pipeline.postgres.CopyText;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.pipeline.postgres.PgTargets;
import io.spillway.pipeline.postgres.PgValueText;
import io.spillway.pipeline.sync.TableChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;

/**
 * Applies coalesced changes to PostgreSQL tables in one transaction: per table, COPY the rows into a
 * temporary staging table, then one upsert and one delete, both guarded by {@code __spillway_lsn} so an
 * older version never replaces a newer one, and the side table of deleted keys kept up to date.
 *
 * <p>A row with unavailable columns (unchanged TOASTed values) carries their positions in the staging
 * table; those rows skip the upsert and take one UPDATE that keeps the target's value of each such column,
 * and one INSERT, with those columns NULL, of the ones the target lacks. Both run only when the window has
 * such rows.
 */
public final class PostgresSyncWriter {
    static final String OP = "__spillway_op";

    public JobResult apply(PostgresTarget target, String targetTable, List<TableChanges> tables) throws SQLException {
        return apply(target, targetTable, tables, SchemaChangePolicy.DEFAULT);
    }

    /** Tables the policy pauses are not loaded: their changes come back in the result's paused tables. */
    public JobResult apply(PostgresTarget target, String targetTable, List<TableChanges> tables,
            SchemaChangePolicy policy) throws SQLException {
        String schema = target.schemaOrDefault();
        List<PausedTable> paused = new ArrayList<>();
        long upserted = 0;
        long deleted = 0;
        try (Connection connection = PgTargets.open(target)) {
            try {
                PgTargets.ensureSchema(connection, schema);
                TruncateWatermarks watermarks = TruncateWatermarks.of(connection, schema);
                int index = 0;
                for (TableChanges changes : tables) {
                    String table = targetTable != null && !targetTable.isBlank() ? targetTable : changes.table().table();
                    long[] counts = applyTable(connection, schema, table, changes, watermarks,
                            "spillway_stage_" + index++, policy, paused);
                    upserted += counts[0];
                    deleted += counts[1];
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                PgTargets.rollbackAfter(connection, e);
                throw e;
            }
        }
        return new JobResult(upserted, deleted, 0, paused);
    }

    private long[] applyTable(Connection connection, String schema, String table, TableChanges changes,
            TruncateWatermarks watermarks, String stage, SchemaChangePolicy policy, List<PausedTable> paused)
            throws SQLException {
        PgTargets.lockTable(connection, schema, table);
        if (changes.columns().isEmpty() && changes.rows().isEmpty()) {
            // Only a truncate, with nothing known of the table: truncate it when it exists.
            if (changes.truncated() && watermarks.record(connection, table, changes.truncateLsn())
                    && !PgTargets.columnsOf(connection, schema, table).isEmpty()) {
                truncate(connection, schema, table);
            }
            return new long[] {0, 0};
        }
        TargetLayout layout = TargetLayout.read(connection, schema, table);
        SchemaEvolution.Plan plan = SchemaEvolution.plan(schema, table, layout, changes, policy);
        boolean truncateNow = changes.truncated() && watermarks.record(connection, table, changes.truncateLsn());
        if (plan instanceof SchemaEvolution.Pause pause) {
            // A truncate does not depend on the columns: applied now, so no later load is cut by a late one.
            if (truncateNow) {
                truncate(connection, schema, table);
            }
            paused.add(new PausedTable(changes.table().toString(), pause.reason(),
                    changes.rows().stream().map(TableChanges.RowChange::event).toList()));
            return new long[] {0, 0};
        }
        ((SchemaEvolution.Apply) plan).run(connection);
        SyncTableLayout.ensure(connection, schema, table, changes, layout.columns());
        if (truncateNow) {
            truncate(connection, schema, table);
        }
        if (changes.rows().isEmpty()) {
            return new long[] {0, 0};
        }
        String target = qualified(schema, table);
        String deletedTable = qualified(schema, SyncTableLayout.deletedTable(table));
        List<String> columns = changes.columns().stream().map(Column::name).toList();
        List<String> keys = changes.primaryKey();
        try (Statement sql = connection.createStatement()) {
            sql.execute("CREATE TEMP TABLE " + quote(stage) + " ON COMMIT DROP AS SELECT NULL::text AS " + quote(OP)
                    + ", NULL::int[] AS " + quote(UnavailableColumns.STAGED) + ", t.* FROM " + target + " t WITH NO DATA");
            copyRows(connection, stage, changes, columns);
            watermarks.dropReplayed(connection, table, stage);

            String columnList = PgIdentifiers.list(columns);
            List<String> sets = new ArrayList<>();
            for (String column : columns) {
                if (!keys.contains(column)) {
                    sets.add(quote(column) + " = EXCLUDED." + quote(column));
                }
            }
            // A staged LSN of 0 is a read without a position (an incremental snapshot's): it comes after every
            // change of its row it reflects (Debezium's chunk watermarks), so it replaces the row whatever its
            // version, and the row keeps the higher version for the changes after it to compare with.
            sets.add(quote(LSN) + " = GREATEST(t." + quote(LSN) + ", EXCLUDED." + quote(LSN) + ")");
            long upserted = sql.executeUpdate("INSERT INTO " + target + " AS t (" + columnList + ", " + quote(LSN) + ")"
                    + " SELECT " + prefixed("s", columns) + ", s." + quote(LSN) + " FROM " + quote(stage) + " s"
                    + " WHERE s." + quote(OP) + " = 'u' AND s." + quote(UnavailableColumns.STAGED) + " IS NULL AND "
                    + notDeletedLater(deletedTable, keys)
                    + " ON CONFLICT (" + PgIdentifiers.list(keys) + ") DO UPDATE SET " + String.join(", ", sets)
                    + " WHERE t." + quote(LSN) + " <= EXCLUDED." + quote(LSN) + " OR EXCLUDED." + quote(LSN) + " = 0");
            if (changes.rows().stream().anyMatch(r -> !r.isDelete() && !r.unavailable().isEmpty())) {
                upserted += UnavailableColumns.apply(sql, target, deletedTable, stage, columns, keys);
            }
            long deleted = sql.executeUpdate("DELETE FROM " + target + " t USING " + quote(stage) + " s WHERE s."
                    + quote(OP) + " = 'd' AND " + keyMatch("t", keys) + " AND t." + quote(LSN) + " <= s." + quote(LSN));
            sql.executeUpdate("INSERT INTO " + deletedTable + " AS d (" + PgIdentifiers.list(keys) + ", " + quote(LSN)
                    + ") SELECT " + prefixed("s", keys) + ", s." + quote(LSN) + " FROM " + quote(stage) + " s WHERE s."
                    + quote(OP) + " = 'd' ON CONFLICT (" + PgIdentifiers.list(keys) + ") DO UPDATE SET " + quote(LSN)
                    + " = EXCLUDED." + quote(LSN) + " WHERE d." + quote(LSN) + " < EXCLUDED." + quote(LSN));
            // A key written again after its delete no longer needs the delete's marker.
            sql.executeUpdate("DELETE FROM " + deletedTable + " d USING " + quote(stage) + " s WHERE s." + quote(OP)
                    + " = 'u' AND " + keyMatch("d", keys) + " AND d." + quote(LSN) + " < s." + quote(LSN));
            return new long[] {upserted, deleted};
        }
    }

    /** No delete of the staged key with a later LSN is recorded. */
    static String notDeletedLater(String deletedTable, List<String> keys) {
        return "NOT EXISTS (SELECT 1 FROM " + deletedTable + " d WHERE " + keyMatch("d", keys) + " AND d."
                + quote(LSN) + " > s." + quote(LSN) + ")";
    }

    private static void copyRows(Connection connection, String stage, TableChanges changes, List<String> columns)
            throws SQLException {
        Map<String, Column> byName = new LinkedHashMap<>();
        changes.columns().forEach(c -> byName.put(c.name(), c));
        String copySql = "COPY " + quote(stage) + " (" + quote(OP) + ", " + quote(UnavailableColumns.STAGED) + ", "
                + PgIdentifiers.list(columns) + ", " + quote(LSN) + ") FROM STDIN";
        try (CopyText copy = new CopyText(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql))) {
            for (TableChanges.RowChange row : changes.rows()) {
                ChangeEvent event = row.event();
                JsonNode image = row.isDelete() ? keyImage(event) : event.after();
                List<String> values = new ArrayList<>(columns.size() + 2);
                values.add(row.isDelete() ? "d" : "u");
                values.add(row.isDelete() ? null : UnavailableColumns.positions(columns, row.unavailable()));
                for (String column : columns) {
                    boolean key = changes.primaryKey().contains(column);
                    if ((row.isDelete() && !key) || row.unavailable().contains(column)) {
                        values.add(null);
                    } else {
                        values.add(PgValueText.of(byName.get(column), image.get(column)));
                    }
                }
                values.add(Long.toString(row.lsn()));
                copy.row(values);
            }
            copy.finish();
        }
    }

    private static JsonNode keyImage(ChangeEvent event) {
        return event.key() != null ? event.key() : event.before();
    }

    private static void truncate(Connection connection, String schema, String table) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE " + qualified(schema, table));
            String deleted = SyncTableLayout.deletedTable(table);
            if (!PgTargets.columnsOf(connection, schema, deleted).isEmpty()) {
                sql.execute("TRUNCATE " + qualified(schema, deleted));
            }
        }
    }

    /** {@code alias.k1 = s.k1 AND ...}: built by concatenation, since quoted names may hold any character. */
    static String keyMatch(String alias, List<String> keys) {
        return keys.stream().map(k -> alias + "." + quote(k) + " = s." + quote(k)).collect(Collectors.joining(" AND "));
    }

    static String prefixed(String alias, List<String> columns) {
        return columns.stream().map(c -> alias + "." + quote(c)).collect(Collectors.joining(", "));
    }
}
