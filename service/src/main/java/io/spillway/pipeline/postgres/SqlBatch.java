package io.spillway.pipeline.postgres;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Statements sent in one round trip: pgjdbc splits a multi-statement string (respecting quoted names and
 * literals) and sends every part before one Sync, so a window's handful of statements costs one network wait
 * instead of one each. The first failing statement ends the batch with its error.
 */
public final class SqlBatch {
    private SqlBatch() {
    }

    /** Runs {@code statements} in order; their update counts, -1 for a statement that returned rows. */
    public static long[] run(Statement sql, List<String> statements) throws SQLException {
        long[] counts = new long[statements.size()];
        if (statements.isEmpty()) {
            return counts;
        }
        boolean rows = sql.execute(String.join(";\n", statements));
        for (int i = 0; i < counts.length; i++) {
            if (i > 0) {
                rows = sql.getMoreResults();
            }
            counts[i] = rows ? -1 : sql.getLargeUpdateCount();
        }
        return counts;
    }
}
