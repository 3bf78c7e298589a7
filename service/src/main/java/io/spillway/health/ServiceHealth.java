package io.spillway.health;

import java.util.Map;

/**
 * @param status UP or DOWN
 * @param details what was checked and what was found (never a secret)
 */
public record ServiceHealth(Status status, Map<String, Object> details) {
    public enum Status { UP, DOWN }

    public static ServiceHealth up(Map<String, Object> details) {
        return new ServiceHealth(Status.UP, details);
    }

    public static ServiceHealth down(String reason) {
        return new ServiceHealth(Status.DOWN, Map.of("error", reason));
    }

    public boolean isUp() {
        return status == Status.UP;
    }
}
