package io.spillway.debezium.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * The latest incremental snapshot requested through Spillway for a connector, as Debezium's notifications
 * tell it. {@code state}: REQUESTED (signal sent, Debezium has not started yet), RUNNING, PAUSED,
 * STOP_REQUESTED, COMPLETED, ABORTED.
 *
 * @param connectorProblem while the snapshot is not finished: what failed in Kafka Connect (the connector or a
 *     task FAILED, with the first line of its trace) and what to do, since nothing moves until it runs; else null
 */
public record SnapshotProgress(String connector, String id, String state, List<String> tablesRequested,
        List<String> tablesDone, List<TableProgress> tables, String currentTable, String lastProcessedKey,
        String maximumKey, Instant requestedAt, Instant startedAt, Instant finishedAt, Instant stopRequestedAt,
        String connectorProblem) {

    SnapshotProgress withConnectorProblem(String problem) {
        return new SnapshotProgress(connector, id, state, tablesRequested, tablesDone, tables, currentTable,
                lastProcessedKey, maximumKey, requestedAt, startedAt, finishedAt, stopRequestedAt, problem);
    }

    boolean finished() {
        return "COMPLETED".equals(state) || "ABORTED".equals(state);
    }
}
