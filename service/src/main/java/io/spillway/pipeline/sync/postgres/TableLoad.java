package io.spillway.pipeline.sync.postgres;

import static io.spillway.pipeline.postgres.PgIdentifiers.qualified;
import static io.spillway.pipeline.postgres.PgIdentifiers.quote;
import static io.spillway.pipeline.sync.postgres.SyncTableLayout.LSN;

import io.spillway.change.ChangeEvent;
import io.spillway.change.Column;
import io.spillway.pipeline.PausedTable;
import io.spillway.pipeline.SchemaChangePolicy;
import io.spillway.pipeline.postgres.CopyText;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.pipeline.postgres.PgTargets;
import io.spillway.pipeline.postgres.PgValueText;
import io.spillway.pipeline.postgres.SqlBatch;
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
 * One table's changes within a window's transaction: staged by COPY into a temporary table, then one upsert and
 * one delete, both guarded by {@code __spillway_lsn} so an older version never replaces a newer one, and the
 * side table of deleted keys kept up to date, all sent in one round trip ({@link SqlBatch}).
 *
 * <p>A row with unavailable columns (unchanged TOASTed values) carries their positions in the staging
 * table; those rows skip the upsert and take one UPDATE that keeps the target's value of each such column,
 * and one INSERT, with those columns NULL, of the ones the target lacks. Both run only when the window has
 * such rows.
 */
final class TableLoad {
    static final String OP = "__spillway_op";

    private final Connection connection;
    private final String schema;
    private final String table;
    private final TableChanges changes;
    private final TruncateWatermarks watermarks;
    private final String stage;

    TableLoad(Connection connection, String schema, String table, TableChanges changes,
            TruncateWatermarks watermarks, String stage) {
        this.connection = connection;
        this.schema = schema;
        this.table = table;
        this.changes = changes;
        this.watermarks = watermarks;
        this.stage = stage;
    }

    /**
     * The known layout takes this window as it is: every column there, its side table made, nothing for the
     * policy to change, and no truncate (rare: those read the catalog).
     */
    boolean canSkipCatalog(TargetLayout layout, SchemaChangePolicy policy) {
        return !changes.truncated() && !changes.rows().isEmpty() && hasEveryColumn(layout)
                && changesNothing(SchemaEvolution.plan(schema, table, layout, changes, policy));
    }

    private boolean hasEveryColumn(TargetLayout layout) {
        return layout.columns().containsKey(LSN)
                && changes.columns().stream().allMatch(c -> layout.columns().containsKey(c.name()));
    }

    private static boolean changesNothing(SchemaEvolution.Plan plan) {
        return plan instanceof SchemaEvolution.Apply apply && apply.statements().isEmpty();
    }

    /** Three round trips: lock and stage, COPY, apply. */
    long[] applyKnown() throws SQLException {
        try (Statement sql = connection.createStatement()) {
            SqlBatch.run(sql, List.of(PgTargets.lockTableSql(connection, schema, table), createStage()));
            return copyAndApply(sql);
        }
    }

    /**
     * Reads the table's layout, applies what the policy says (or pauses the table), creates or evolves it,
     * applies a truncate, then loads. A table whose layout took the window as it was goes to
     * {@code learned}, for the next windows to skip the catalog.
     */
    long[] applyReadingCatalog(SchemaChangePolicy policy, List<PausedTable> paused,
            Map<String, TargetLayout> learned) throws SQLException {
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
        if (hasEveryColumn(layout) && changesNothing(plan)) {
            learned.put(table, layout);
        }
        if (truncateNow) {
            truncate(connection, schema, table);
        }
        if (changes.rows().isEmpty()) {
            return new long[] {0, 0};
        }
        try (Statement sql = connection.createStatement()) {
            sql.execute(createStage());
            return copyAndApply(sql);
        }
    }

    private String createStage() {
        return "CREATE TEMP TABLE " + quote(stage) + " ON COMMIT DROP AS SELECT NULL::text AS " + quote(OP)
                + ", NULL::int[] AS " + quote(UnavailableColumns.STAGED) + ", t.* FROM " + qualified(schema, table)
                + " t WITH NO DATA";
    }

    /** COPY into the stage, then every statement of the load in one round trip; {upserted, deleted}. */
    private long[] copyAndApply(Statement sql) throws SQLException {
        String target = qualified(schema, table);
        String deletedTable = qualified(schema, SyncTableLayout.deletedTable(table));
        List<String> columns = changes.columns().stream().map(Column::name).toList();
        List<String> keys = changes.primaryKey();
        copyRows(connection, stage, changes, columns);

        List<String> statements = new ArrayList<>();
        statements.add(watermarks.dropReplayed(PgTargets.literal(connection, table), stage));
        int upsertAt = statements.size();
        statements.add(upsert(target, deletedTable, columns, keys));
        int unavailableAt = statements.size();
        boolean unavailable = changes.rows().stream().anyMatch(r -> !r.isDelete() && !r.unavailable().isEmpty());
        if (unavailable) {
            statements.addAll(UnavailableColumns.statements(target, deletedTable, stage, columns, keys));
        }
        int deleteAt = statements.size();
        statements.add("DELETE FROM " + target + " t USING " + quote(stage) + " s WHERE s." + quote(OP)
                + " = 'd' AND " + keyMatch("t", keys) + " AND t." + quote(LSN) + " <= s." + quote(LSN));
        statements.add("INSERT INTO " + deletedTable + " AS d (" + PgIdentifiers.list(keys) + ", " + quote(LSN)
                + ") SELECT " + prefixed("s", keys) + ", s." + quote(LSN) + " FROM " + quote(stage) + " s WHERE s."
                + quote(OP) + " = 'd' ON CONFLICT (" + PgIdentifiers.list(keys) + ") DO UPDATE SET " + quote(LSN)
                + " = EXCLUDED." + quote(LSN) + " WHERE d." + quote(LSN) + " < EXCLUDED." + quote(LSN));
        // A key written again after its delete no longer needs the delete's marker.
        statements.add("DELETE FROM " + deletedTable + " d USING " + quote(stage) + " s WHERE s." + quote(OP)
                + " = 'u' AND " + keyMatch("d", keys) + " AND d." + quote(LSN) + " < s." + quote(LSN));
        long[] counts = SqlBatch.run(sql, statements);
        long upserted = counts[upsertAt];
        if (unavailable) {
            upserted += counts[unavailableAt] + counts[unavailableAt + 1];
            UnavailableColumns.warnInserted(counts[unavailableAt + 1], target);
        }
        return new long[] {upserted, counts[deleteAt]};
    }

    private String upsert(String target, String deletedTable, List<String> columns, List<String> keys) {
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
        return "INSERT INTO " + target + " AS t (" + PgIdentifiers.list(columns) + ", " + quote(LSN) + ")"
                + " SELECT " + prefixed("s", columns) + ", s." + quote(LSN) + " FROM " + quote(stage) + " s"
                + " WHERE s." + quote(OP) + " = 'u' AND s." + quote(UnavailableColumns.STAGED) + " IS NULL AND "
                + notDeletedLater(deletedTable, keys)
                + " ON CONFLICT (" + PgIdentifiers.list(keys) + ") DO UPDATE SET " + String.join(", ", sets)
                + " WHERE t." + quote(LSN) + " <= EXCLUDED." + quote(LSN) + " OR EXCLUDED." + quote(LSN) + " = 0";
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
        // Per column, looked up once for all the rows.
        Column[] definitions = new Column[columns.size()];
        boolean[] keys = new boolean[columns.size()];
        for (int i = 0; i < definitions.length; i++) {
            definitions[i] = byName.get(columns.get(i));
            keys[i] = changes.primaryKey().contains(columns.get(i));
        }
        String copySql = "COPY " + quote(stage) + " (" + quote(OP) + ", " + quote(UnavailableColumns.STAGED) + ", "
                + PgIdentifiers.list(columns) + ", " + quote(LSN) + ") FROM STDIN";
        try (CopyText copy = new CopyText(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql))) {
            for (TableChanges.RowChange row : changes.rows()) {
                ChangeEvent event = row.event();
                JsonNode image = row.isDelete() ? keyImage(event) : event.after();
                List<String> values = new ArrayList<>(columns.size() + 2);
                values.add(row.isDelete() ? "d" : "u");
                values.add(row.isDelete() ? null : UnavailableColumns.positions(columns, row.unavailable()));
                for (int i = 0; i < definitions.length; i++) {
                    String column = columns.get(i);
                    if ((row.isDelete() && !keys[i]) || row.unavailable().contains(column)) {
                        values.add(null);
                    } else {
                        values.add(PgValueText.of(definitions[i], image.get(column)));
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
