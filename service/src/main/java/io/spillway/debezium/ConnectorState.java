package io.spillway.debezium;

import java.util.List;

/**
 * A connector's runtime state as Kafka Connect reports it ({@code GET /connectors/{name}/status}).
 *
 * @param state the connector's own state (RUNNING, FAILED, PAUSED, UNASSIGNED, STOPPED)
 * @param workerId the worker it runs on
 * @param trace the first line of the connector's failure trace, else null
 * @param tasks each task's state
 */
public record ConnectorState(String name, String type, String state, String workerId, String trace,
        List<TaskState> tasks) {

    public boolean anyFailed() {
        return "FAILED".equals(state) || tasks.stream().anyMatch(t -> "FAILED".equals(t.state()));
    }
}
