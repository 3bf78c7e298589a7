package io.spillway.health;

import io.spillway.api.ApiKeyFilter;
import io.spillway.api.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * /health for people and dashboards; the actuator probes are for orchestrators. Open without an API key;
 * with one set, details only for callers that send it.
 */
@RestController
@RequestMapping("/health")
@SecurityRequirements // open: no API key
@Tag(name = "Health", description = "Health of Spillway's dependencies (no API key needed)")
public class HealthController {
    private static final String JSON = "application/json";
    private static final String REPORT_EXAMPLE = """
            {"status":"UP","services":{\
            "debezium":{"status":"UP","details":{"workers":1}},\
            "kafka":{"status":"UP","details":{"bootstrap_servers":"localhost:9092","cluster_id":"q1Sh-9_ISia",\
            "broker_count":1,"controller":"1 (localhost:9092)"}},\
            "redis":{"status":"UP","details":{"location":"localhost:6379/0","ping":"PONG","version":"7.2.4",\
            "used_memory_bytes":1048576,"used_memory_human":"1.00M"}},\
            "consumer":{"status":"UNKNOWN"}}}""";

    private final HealthChecks checks;
    private final ApiKeyFilter apiKey;

    public HealthController(HealthChecks checks, ApiKeyFilter apiKey) {
        this.checks = checks;
        this.apiKey = apiKey;
    }

    @Operation(summary = "Health of every service",
            description = "Runs every check in parallel (results are shared for a few seconds). With an API key set,"
                    + " callers without it get status words only. UNKNOWN means this build has no check for the service;"
                    + " it does not make the whole DOWN.")
    @ApiResponse(responseCode = "200", description = "No service is DOWN", content = @Content(mediaType = JSON,
            schema = @Schema(implementation = HealthReport.class), examples = @ExampleObject(value = REPORT_EXAMPLE)))
    @ApiResponse(responseCode = "503", description = "At least one service is DOWN; its details say why",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = HealthReport.class)))
    @GetMapping
    ResponseEntity<HealthReport> all(HttpServletRequest request) {
        HealthReport checked = checks.checkAll();
        // With an API key set, anonymous callers (load balancers, probes) get status words only: details
        // can hold hosts, connector names and a job's error, which may quote row values.
        HealthReport report = apiKey.authorized(request) ? checked : checked.statusOnly();
        return ResponseEntity.status(report.status() == ServiceHealth.Status.DOWN
                ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK).body(report);
    }

    @Operation(summary = "Health of one service", description = "debezium, kafka, redis or consumer.")
    @ApiResponse(responseCode = "200", description = "The service is UP (or UNKNOWN: no check in this build)",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ServiceHealth.class), examples = @ExampleObject(
                    value = "{\"status\":\"UP\",\"details\":{\"location\":\"localhost:6379/0\",\"ping\":\"PONG\"}}")))
    @ApiResponse(responseCode = "503", description = "The service is DOWN; details.error says why",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ServiceHealth.class), examples = @ExampleObject(
                    value = "{\"status\":\"DOWN\",\"details\":{\"error\":\"Kafka at localhost:9092 is not"
                            + " reachable: no answer within 4000 ms\"}}")))
    @ApiResponse(responseCode = "404", description = "Not a known service",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/{service}")
    ResponseEntity<ServiceHealth> one(@Parameter(example = "kafka") @PathVariable("service") String service,
            HttpServletRequest request) {
        ServiceHealth checked = checks.check(service).orElseThrow(() -> new NotFoundException(
                "there is no service '" + abbreviate(service) + "': use one of " + checks.services()));
        ServiceHealth health = apiKey.authorized(request) ? checked : checked.statusOnly();
        return ResponseEntity.status(health.isDown() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK).body(health);
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
