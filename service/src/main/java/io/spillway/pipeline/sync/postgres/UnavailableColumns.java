package io.spillway.pipeline.sync.postgres;

import static io.spillway.pipeline.postgres.PgIdentifiers.quote;
import static io.spillway.pipeline.sync.postgres.TableLoad.OP;
import static io.spillway.pipeline.sync.postgres.TableLoad.keyMatch;
import static io.spillway.pipeline.sync.postgres.TableLoad.notDeletedLater;
import static io.spillway.pipeline.sync.postgres.TableLoad.prefixed;
import static io.spillway.pipeline.sync.postgres.SyncTableLayout.LSN;

import io.spillway.pipeline.postgres.PgIdentifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staged rows with unavailable columns (unchanged TOASTed values): the staging table's {@value #STAGED}
 * holds their 1-based positions; the target keeps its value of each such column.
 */
final class UnavailableColumns {
    static final String STAGED = "__spillway_unavailable";
    private static final Logger log = LoggerFactory.getLogger(UnavailableColumns.class);

    private UnavailableColumns() {
    }

    /**
     * Rows with unavailable columns: an update that keeps the target's value of each, and an insert of the
     * rows the target lacks with those columns NULL (their value is nowhere to be had; see docs/jobs.md). In
     * this order; their counts go to {@link #warnInserted} and the rows upserted.
     */
    static List<String> statements(String target, String deletedTable, String stage, List<String> columns,
            List<String> keys) {
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = quote(columns.get(i));
            if (!keys.contains(columns.get(i))) {
                // The position is an integer literal: no name of the source reaches the SQL text unquoted.
                sets.add(column + " = CASE WHEN " + (i + 1) + " = ANY(s." + quote(STAGED) + ") THEN t." + column
                        + " ELSE s." + column + " END");
            }
        }
        sets.add(quote(LSN) + " = s." + quote(LSN));
        String withUnavailable = "s." + quote(OP) + " = 'u' AND s." + quote(STAGED) + " IS NOT NULL";
        return List.of("UPDATE " + target + " t SET " + String.join(", ", sets) + " FROM "
                + quote(stage) + " s WHERE " + withUnavailable + " AND " + keyMatch("t", keys)
                + " AND t." + quote(LSN) + " <= s." + quote(LSN),
                "INSERT INTO " + target + " (" + PgIdentifiers.list(columns) + ", "
                + quote(LSN) + ") SELECT " + prefixed("s", columns) + ", s." + quote(LSN) + " FROM " + quote(stage)
                + " s WHERE " + withUnavailable + " AND " + notDeletedLater(deletedTable, keys)
                + " AND NOT EXISTS (SELECT 1 FROM " + target + " t WHERE " + keyMatch("t", keys) + ")"
                + " ON CONFLICT DO NOTHING");
    }

    static void warnInserted(long inserted, String target) {
        if (inserted > 0) {
            log.warn("{} row(s) of {} inserted with unchanged TOASTed columns NULL: the target did not have them "
                    + "and the change carries no value for those columns (see docs/jobs.md)", inserted, target);
        }
    }

    /** The 1-based positions of the unavailable columns as an int[] literal, or null when there are none. */
    static String positions(List<String> columns, Set<String> unavailable) {
        if (unavailable.isEmpty()) {
            return null;
        }
        List<String> positions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (unavailable.contains(columns.get(i))) {
                positions.add(Integer.toString(i + 1));
            }
        }
        return "{" + String.join(",", positions) + "}";
    }
}
