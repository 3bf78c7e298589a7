package io.spillway.health;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * @param status UP when no service is DOWN (UNKNOWN services, not installed in this build, do not count)
 * @param services each service's result, by name
 */
@Schema(description = "Overall health and each service's result")
public record HealthReport(
        @Schema(example = "UP", description = "UP or DOWN") ServiceHealth.Status status,
        Map<String, ServiceHealth> services) {
    /** Status words only, no details (no error text, host, URL, connector name or row data). */
    public HealthReport statusOnly() {
        Map<String, ServiceHealth> words = new LinkedHashMap<>();
        services.forEach((name, health) -> words.put(name, health.statusOnly()));
        return new HealthReport(status, words);
    }
}
