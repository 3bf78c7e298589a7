package io.spillway.pipeline;

import java.util.List;

/**
 * What a job did to its target, for the run history.
 *
 * @param pausedTables tables whose changes were set aside, not loaded (sync's schema changes); usually empty
 */
public record JobResult(long rowsUpserted, long rowsDeleted, long rowsAppended, List<PausedTable> pausedTables) {
    public static final JobResult NOTHING = new JobResult(0, 0, 0);

    public JobResult(long rowsUpserted, long rowsDeleted, long rowsAppended) {
        this(rowsUpserted, rowsDeleted, rowsAppended, List.of());
    }

    public JobResult {
        pausedTables = pausedTables == null ? List.of() : List.copyOf(pausedTables);
    }

    /** How many changes were set aside. */
    public int setAside() {
        return pausedTables.stream().mapToInt(p -> p.changes().size()).sum();
    }
}
