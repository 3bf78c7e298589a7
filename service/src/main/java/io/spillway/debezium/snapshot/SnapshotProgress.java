package io.spillway.debezium.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * The latest incremental snapshot requested through Spillway for a connector, as Debezium's notifications
 * tell it. {@code state}: REQUESTED (signal sent, Debezium has not started yet), RUNNING, PAUSED,
 * STOP_REQUESTED, COMPLETED, ABORTED.
 */
public record SnapshotProgress(String connector, String id, String state, List<String> tablesRequested,
        List<String> tablesDone, List<TableProgress> tables, String currentTable, String lastProcessedKey,
        String maximumKey, Instant requestedAt, Instant startedAt, Instant finishedAt, Instant stopRequestedAt) {

    boolean finished() {
        return "COMPLETED".equals(state) || "ABORTED".equals(state);
    }
}
