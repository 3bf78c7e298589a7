package io.spillway.debezium;

import java.util.List;
import java.util.Map;

/**
 * A connector as the info and start endpoints show it: its config with secrets as "****", and the
 * state of the connector and each of its tasks (a failed one with its trace's first line).
 */
public record ConnectorDetails(String name, String type, String connectorClass, String state, String trace,
        Map<String, String> config, List<TaskState> tasks) {
}
