package io.spillway.debezium;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed's Debezium endpoints, trailing slashes included (the paths without them work too). */
@RestController
@Tag(name = "Debezium", description = "Debezium connectors in Kafka Connect")
public class DebeziumController {
    private final ConnectorService connectors;

    public DebeziumController(ConnectorService connectors) {
        this.connectors = connectors;
    }

    @Operation(summary = "Create and start a Debezium connector",
            description = "Config keys may be snake_case (connector_class, database_hostname, ...) or Kafka "
                    + "Connect's dotted names. The config is validated by Kafka Connect first. PostgreSQL "
                    + "connectors get heartbeat.interval.ms = spillway.default-heartbeat-interval-ms unless set.")
    @ApiResponse(responseCode = "201", description = "Connector successfully started")
    @ApiResponse(responseCode = "400", description = "Invalid connector configuration or name")
    @ApiResponse(responseCode = "409", description = "Connector with the same name exists")
    @ApiResponse(responseCode = "422", description = "name or config missing")
    @ApiResponse(responseCode = "503", description = "Kafka Connect is not reachable")
    @PostMapping({"/debezium/start/", "/debezium/start"})
    @ResponseStatus(HttpStatus.CREATED)
    ConnectorDetails start(@Valid @RequestBody DebeziumConnectorPayload payload) {
        return connectors.start(payload);
    }

    @Operation(summary = "List the connectors with their state")
    @ApiResponse(responseCode = "200", description = "List of connectors retrieved successfully")
    @ApiResponse(responseCode = "503", description = "Kafka Connect is not reachable")
    @GetMapping({"/debezium/list/", "/debezium/list"})
    List<ConnectorSummary> list() {
        return connectors.list();
    }

    @Operation(summary = "A connector's config (secrets as ****), state and task states")
    @ApiResponse(responseCode = "200", description = "Connector information retrieved")
    @ApiResponse(responseCode = "400", description = "Invalid connector name")
    @ApiResponse(responseCode = "404", description = "Connector not found")
    @ApiResponse(responseCode = "503", description = "Kafka Connect is not reachable")
    @GetMapping({"/debezium/connector/{connector_name}/info/", "/debezium/connector/{connector_name}/info"})
    ConnectorDetails info(@PathVariable("connector_name") String connectorName) {
        return connectors.info(connectorName);
    }

    @Operation(summary = "Restart what FAILED of a connector",
            description = "Restarts the connector and those of its tasks that FAILED (running ones are left alone), "
                    + "e.g. after a database outage longer than Debezium's retries; Debezium resumes from its stored "
                    + "offsets, an unfinished incremental snapshot from its last chunk. The details are those just "
                    + "after the restart was asked: poll the info endpoint for RUNNING.")
    @ApiResponse(responseCode = "202", description = "Restart asked of Kafka Connect")
    @ApiResponse(responseCode = "400", description = "Invalid connector name")
    @ApiResponse(responseCode = "404", description = "Connector not found")
    @ApiResponse(responseCode = "503", description = "Kafka Connect is not reachable")
    @PostMapping({"/debezium/connector/{connector_name}/restart/", "/debezium/connector/{connector_name}/restart"})
    @ResponseStatus(HttpStatus.ACCEPTED)
    ConnectorDetails restart(@PathVariable("connector_name") String connectorName) {
        return connectors.restartFailed(connectorName);
    }

    @Operation(summary = "Stop and remove a connector")
    @ApiResponse(responseCode = "204", description = "Connector successfully deleted")
    @ApiResponse(responseCode = "400", description = "Invalid connector name")
    @ApiResponse(responseCode = "404", description = "Connector not found")
    @ApiResponse(responseCode = "503", description = "Kafka Connect is not reachable")
    @DeleteMapping({"/debezium/connector/{connector_name}/delete/", "/debezium/connector/{connector_name}/delete"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable("connector_name") String connectorName) {
        connectors.delete(connectorName);
    }
}
