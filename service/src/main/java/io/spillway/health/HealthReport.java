package io.spillway.health;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * @param status UP when no service is DOWN (UNKNOWN services, not installed in this build, do not count)
 * @param services each service's result, by name
 */
@Schema(description = "Overall health and each service's result")
public record HealthReport(
        @Schema(example = "UP", description = "UP or DOWN") ServiceHealth.Status status,
        Map<String, ServiceHealth> services) {
}
