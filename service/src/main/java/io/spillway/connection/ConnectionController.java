package io.spillway.connection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The targets pipelines load into or call: /connection/create, list, info, delete, test. */
@RestController
@RequestMapping("/connection")
@Tag(name = "Connections", description = "Targets (PostgreSQL, HTTP, Redis) that pipelines load into or call")
public class ConnectionController {
    static final String PROBLEM = "application/problem+json";
    static final String JSON = "application/json";
    private static final String POSTGRES_EXAMPLE = """
            {"connection_id":"warehouse","type":"postgres",\
            "jdbc_url":"jdbc:postgresql://localhost:5432/warehouse",\
            "username":"warehouse","password":"warehouse","schema":"public"}""";
    private static final String POSTGRES_TLS_EXAMPLE = """
            {"connection_id":"warehouse-tls","type":"postgres",\
            "jdbc_url":"jdbc:postgresql://db.example.com:5432/warehouse",\
            "username":"warehouse","password":"warehouse","sslmode":"verify-full",\
            "ssl_root_cert":"-----BEGIN CERTIFICATE-----\\nMIIB...\\n-----END CERTIFICATE-----\\n"}""";
    private static final String HTTP_EXAMPLE = """
            {"connection_id":"airflow","type":"http",\
            "url":"https://airflow.example.com/api/v1/dags/load/dagRuns","method":"POST",\
            "headers":{"Authorization":"Bearer abc123"},"timeout_ms":10000}""";
    private static final String REDIS_EXAMPLE = """
            {"connection_id":"cache","type":"redis","url":"redis://:secret@cache.internal:6379/0",\
            "key_prefix":"spillway:cache:"}""";
    private static final String REDACTED_EXAMPLE = """
            {"type":"postgres","connection_id":"warehouse",\
            "jdbc_url":"jdbc:postgresql://localhost:5432/warehouse",\
            "username":"warehouse","password":"****","schema":"public"}""";

    private final ConnectionService service;

    public ConnectionController(ConnectionService service) {
        this.service = service;
    }

    @Operation(summary = "Register a connection",
            description = "Validates the fields and stores the connection in Redis. Secrets are shown as \"****\".",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = Connection.class), examples = {
                    @ExampleObject(name = "postgres", value = POSTGRES_EXAMPLE),
                    @ExampleObject(name = "postgres with TLS (verify-full)", value = POSTGRES_TLS_EXAMPLE),
                    @ExampleObject(name = "http", value = HTTP_EXAMPLE),
                    @ExampleObject(name = "redis", value = REDIS_EXAMPLE)})))
    @ApiResponse(responseCode = "201", description = "Connection registered (secrets redacted)",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Connection.class),
                    examples = @ExampleObject(value = REDACTED_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Invalid connection: malformed JSON, unknown type or field,"
            + " bad id, URL or field", content = @Content(mediaType = PROBLEM,
            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "A connection with this connection_id exists",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "The egress policy refuses the target (link-local, cloud"
            + " metadata, the service's own Connect, Kafka or Redis, or a SPILLWAY_EGRESS_DENY entry); the detail"
            + " names the rule and the SPILLWAY_EGRESS_ALLOW entry that would admit it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Redis is unreachable",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/create")
    ResponseEntity<Connection> create(@RequestBody Connection connection) {
        Connection created = service.create(connection);
        return ResponseEntity.created(URI.create("/connection/info/" + created.connectionId())).body(created);
    }

    @Operation(summary = "List connections", description = "Every registered connection, by id, secrets redacted.")
    @ApiResponse(responseCode = "200", description = "The connections",
            content = @Content(mediaType = JSON, array = @ArraySchema(schema = @Schema(implementation = Connection.class)),
                    examples = @ExampleObject(value = "[" + REDACTED_EXAMPLE + "]")))
    @ApiResponse(responseCode = "503", description = "Redis is unreachable",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/list")
    List<Connection> list() {
        return service.list();
    }

    @Operation(summary = "Show a connection", description = "One connection, secrets redacted.")
    @ApiResponse(responseCode = "200", description = "The connection",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Connection.class),
                    examples = @ExampleObject(value = REDACTED_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "connection_id is not a valid id",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No connection with this id",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/info/{connection_id}")
    Connection info(@Parameter(example = "warehouse") @PathVariable("connection_id") String connectionId) {
        return service.info(connectionId);
    }

    @Operation(summary = "Delete a connection")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "400", description = "connection_id is missing or not a valid id",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No connection with this id",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @DeleteMapping("/delete")
    ResponseEntity<Void> delete(@Parameter(example = "warehouse") @RequestParam("connection_id") String connectionId) {
        service.delete(connectionId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Test a connection",
            description = "Really connects: PostgreSQL login + SELECT 1 + schema check; HTTP request with the"
                    + " connection's method (any status below 500 counts as reachable); Redis PING. A failed"
                    + " target is still a 200 with ok=false and the reason; so is a target the egress policy refuses"
                    + " (nothing is sent).")
    @ApiResponse(responseCode = "200", description = "The test ran; ok says whether the target answered",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ConnectionTestResult.class), examples = {
                    @ExampleObject(name = "reachable", value = """
                            {"ok":true,"message":"connected to PostgreSQL 17.6 (database \\"warehouse\\") as\
                             warehouse; schema \\"public\\" exists (usage: yes, create: yes)","latency_ms":35}"""),
                    @ExampleObject(name = "unreachable", value = """
                            {"ok":false,"message":"could not connect to PostgreSQL: Connection to localhost:1\
                             refused. Check that the hostname and port are correct and that the postmaster is\
                             accepting TCP/IP connections.","latency_ms":4}""")}))
    @ApiResponse(responseCode = "400", description = "connection_id is missing or not a valid id",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No connection with this id",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping("/test")
    ConnectionTestResult test(@Parameter(example = "warehouse") @RequestParam("connection_id") String connectionId) {
        return service.test(connectionId);
    }
}
