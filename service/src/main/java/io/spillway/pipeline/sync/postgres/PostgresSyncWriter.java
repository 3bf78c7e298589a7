package io.spillway.pipeline.sync.postgres;

import io.spillway.pipeline.JobResult;
import io.spillway.pipeline.PausedTable;
import io.spillway.pipeline.PostgresTarget;
import io.spillway.pipeline.SchemaChangePolicy;
import io.spillway.pipeline.postgres.PgTargets;
import io.spillway.pipeline.sync.TableChanges;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies coalesced changes to PostgreSQL tables in one transaction, table by table ({@link TableLoad}). The
 * first window into a table reads its layout from the catalog and creates or evolves it; later windows that
 * fit the layout as it was ({@link KnownLayouts}) skip the catalog: three round trips per table and window.
 */
public final class PostgresSyncWriter {
    private final KnownLayouts known = new KnownLayouts();

    public JobResult apply(PostgresTarget target, String targetTable, List<TableChanges> tables) throws SQLException {
        return apply(target, targetTable, tables, SchemaChangePolicy.DEFAULT);
    }

    /** Tables the policy pauses are not loaded: their changes come back in the result's paused tables. */
    public JobResult apply(PostgresTarget target, String targetTable, List<TableChanges> tables,
            SchemaChangePolicy policy) throws SQLException {
        boolean knewTarget = known.schemaReady(target, target.schemaOrDefault());
        try {
            return load(target, targetTable, tables, policy, true);
        } catch (SQLException e) {
            known.forget(target);
            if (!knewTarget || !StaleLayout.is(e)) {
                throw e;
            }
            // A table changed behind our back since the last load: read the catalog this time.
            return load(target, targetTable, tables, policy, false);
        }
    }

    private JobResult load(PostgresTarget target, String targetTable, List<TableChanges> tables,
            SchemaChangePolicy policy, boolean useKnown) throws SQLException {
        String schema = target.schemaOrDefault();
        List<PausedTable> paused = new ArrayList<>();
        Map<String, TargetLayout> learned = new LinkedHashMap<>();
        long upserted = 0;
        long deleted = 0;
        try (Connection connection = PgTargets.open(target)) {
            try {
                TruncateWatermarks watermarks;
                if (useKnown && known.schemaReady(target, schema)) {
                    watermarks = TruncateWatermarks.known(schema);
                } else {
                    PgTargets.ensureSchema(connection, schema);
                    watermarks = TruncateWatermarks.ensure(connection, schema);
                }
                int index = 0;
                for (TableChanges changes : tables) {
                    String table = targetTable != null && !targetTable.isBlank() ? targetTable : changes.table().table();
                    TargetLayout cached = useKnown ? known.layout(target, schema, table) : null;
                    TableLoad load = new TableLoad(connection, schema, table, changes, watermarks,
                            "spillway_stage_" + index++);
                    long[] counts = cached != null && load.canSkipCatalog(cached, policy)
                            ? load.applyKnown()
                            : load.applyReadingCatalog(policy, paused, learned);
                    upserted += counts[0];
                    deleted += counts[1];
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                PgTargets.rollbackAfter(connection, e);
                throw e;
            }
        }
        learned.forEach((table, layout) -> known.remember(target, schema, table, layout));
        return new JobResult(upserted, deleted, 0, paused);
    }
}
