package io.spillway.connection;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What {@code POST /connection/test} found. {@code ok=false} is still a 200: the test ran, the target failed.
 *
 * @param message what was reached or what failed, never with a secret in it
 */
@Schema(description = "Result of a live connection test")
public record ConnectionTestResult(
        @Schema(example = "true") boolean ok,
        @Schema(example = "connected to PostgreSQL 17.6 as warehouse; schema \"public\" exists (usage: yes, create: yes)")
        String message,
        @Schema(example = "42") long latencyMs) {
}
