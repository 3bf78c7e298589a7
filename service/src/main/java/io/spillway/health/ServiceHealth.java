package io.spillway.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * @param status UP or DOWN; UNKNOWN when this build has no check for the service
 * @param details what was checked and what was found (never a secret)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(description = "One service's health")
public record ServiceHealth(
        @Schema(example = "UP") Status status,
        @Schema(example = "{\"broker_count\": 1, \"controller\": \"1 (localhost:9092)\"}") Map<String, Object> details) {
    public enum Status { UP, DOWN, UNKNOWN }

    public static ServiceHealth up(Map<String, Object> details) {
        return new ServiceHealth(Status.UP, details);
    }

    public static ServiceHealth down(String reason) {
        return new ServiceHealth(Status.DOWN, Map.of("error", reason));
    }

    /** The status word alone: what an anonymous caller sees when an API key is set. */
    public ServiceHealth statusOnly() {
        return new ServiceHealth(status, Map.of());
    }

    /** No check is installed for the service: neither up nor down. */
    public static ServiceHealth unknown() {
        return new ServiceHealth(Status.UNKNOWN, Map.of());
    }

    @JsonIgnore
    public boolean isUp() {
        return status == Status.UP;
    }

    @JsonIgnore
    public boolean isDown() {
        return status == Status.DOWN;
    }
}
