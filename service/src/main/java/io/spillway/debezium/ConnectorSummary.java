package io.spillway.debezium;

import java.util.List;

/** One entry of {@code GET /debezium/list/}: the connector, its class and its state. */
public record ConnectorSummary(String name, String type, String connectorClass, String state,
        List<TaskState> tasks) {
}
