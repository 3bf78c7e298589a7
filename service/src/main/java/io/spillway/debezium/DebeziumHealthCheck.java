package io.spillway.debezium;

import io.spillway.api.ApiException;
import io.spillway.health.HealthCheck;
import io.spillway.health.ServiceHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code GET /health/debezium}: Kafka Connect reachable, each connector's and task's state, and for
 * PostgreSQL connectors the WAL their replication slot retains. DOWN when Connect is unreachable or any
 * connector or task has FAILED.
 */
@Component
class DebeziumHealthCheck implements HealthCheck {
    private final ConnectClient connect;

    DebeziumHealthCheck(ConnectClient connect) {
        this.connect = connect;
    }

    @Override
    public String service() {
        return "debezium";
    }

    @Override
    public ServiceHealth check() {
        Map<String, ConnectClient.ConnectorOverview> connectors;
        try {
            connectors = connect.connectors();
        } catch (ApiException e) {
            return ServiceHealth.down(e.getMessage());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kafka_connect", connect.location());
        Map<String, Object> shown = new LinkedHashMap<>();
        boolean anyFailed = false;
        for (var entry : connectors.entrySet()) {
            ConnectorState state = entry.getValue().state();
            Map<String, String> config = entry.getValue().config();
            anyFailed |= state.anyFailed();
            shown.put(entry.getKey(), connectorHealth(state, config));
        }
        details.put("connectors", shown);
        return new ServiceHealth(anyFailed ? ServiceHealth.Status.DOWN : ServiceHealth.Status.UP, details);
    }

    private static Map<String, Object> connectorHealth(ConnectorState state, Map<String, String> config) {
        List<String> secrets = SecretRedaction.secretValues(config);
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("state", state.state().isEmpty() ? "UNASSIGNED" : state.state());
        if (state.trace() != null) {
            health.put("trace", SecretRedaction.scrub(state.trace(), secrets));
        }
        health.put("tasks", state.tasks().stream().map(task -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("id", task.id());
            shown.put("state", task.state());
            if (task.trace() != null) {
                shown.put("trace", SecretRedaction.scrub(task.trace(), secrets));
            }
            return shown;
        }).toList());
        if (ConnectorService.isPostgres(config.get(TranslatedConfig.CONNECTOR_CLASS))) {
            health.put("replication_slot", ReplicationSlots.describe(config));
        }
        return health;
    }
}
