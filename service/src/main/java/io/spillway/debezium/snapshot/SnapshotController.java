package io.spillway.debezium.snapshot;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Incremental snapshots of a running connector, and tables added to or removed from its capture. */
@RestController
@Tag(name = "Debezium", description = "Debezium connectors in Kafka Connect")
public class SnapshotController {
    private final SnapshotService snapshots;

    public SnapshotController(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @Operation(summary = "Start an incremental snapshot of captured tables; streaming goes on",
            description = "Sends Debezium's execute-snapshot signal on the connector's Kafka signal topic. A row "
                    + "filter is SQL that the connector's database user runs (Debezium's additional-conditions).")
    @ApiResponse(responseCode = "202", description = "Snapshot requested; GET the same path for its progress")
    @ApiResponse(responseCode = "400", description = "Bad table name or filter, or a table the connector does not capture")
    @ApiResponse(responseCode = "404", description = "Connector not found")
    @ApiResponse(responseCode = "409", description = "Not a PostgreSQL connector, not set up for signals (the detail "
            + "names the keys to add), or a snapshot is running")
    @ApiResponse(responseCode = "503", description = "Kafka or Kafka Connect is not reachable")
    @PostMapping("/debezium/connector/{connector_name}/snapshot")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SnapshotProgress start(@PathVariable("connector_name") String connectorName,
            @RequestBody SnapshotRequest request) {
        return snapshots.start(connectorName, request);
    }

    @Operation(summary = "Progress of the connector's latest incremental snapshot",
            description = "Tables requested and done, rows scanned per table, the current table and chunk keys, "
                    + "times and state, from Debezium's notifications.")
    @ApiResponse(responseCode = "200", description = "Progress")
    @ApiResponse(responseCode = "404", description = "Connector not found, or no snapshot requested")
    @ApiResponse(responseCode = "409", description = "Not a PostgreSQL connector or not set up for signals")
    @GetMapping("/debezium/connector/{connector_name}/snapshot")
    SnapshotProgress progress(@PathVariable("connector_name") String connectorName) {
        return snapshots.progress(connectorName);
    }

    @Operation(summary = "Stop the running incremental snapshot (Debezium's stop-snapshot signal)")
    @ApiResponse(responseCode = "202", description = "Stop requested; the state becomes ABORTED when Debezium stops")
    @ApiResponse(responseCode = "404", description = "Connector not found, or no snapshot requested")
    @ApiResponse(responseCode = "409", description = "The latest snapshot has finished already")
    @DeleteMapping("/debezium/connector/{connector_name}/snapshot")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SnapshotProgress stop(@PathVariable("connector_name") String connectorName) {
        return snapshots.stop(connectorName);
    }

    @Operation(summary = "Add tables to or remove tables from a running connector's capture",
            description = "Updates table.include.list through Kafka Connect (the connector restarts; with "
                    + "publication.autocreate.mode=filtered Debezium updates its publication), then starts an "
                    + "incremental snapshot of the added tables unless snapshot is false.")
    @ApiResponse(responseCode = "200", description = "Capture changed")
    @ApiResponse(responseCode = "400", description = "Bad table name, nothing to change, or the list would become empty")
    @ApiResponse(responseCode = "404", description = "Connector not found")
    @ApiResponse(responseCode = "409", description = "Not a PostgreSQL connector, no table.include.list, not set up "
            + "for signals, or a snapshot is running")
    @PatchMapping("/debezium/connector/{connector_name}")
    TablesChanged changeTables(@PathVariable("connector_name") String connectorName,
            @RequestBody TablesPatch patch) {
        return snapshots.changeTables(connectorName, patch);
    }
}
