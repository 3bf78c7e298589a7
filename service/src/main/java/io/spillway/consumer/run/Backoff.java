package io.spillway.consumer.run;

import java.time.Duration;

/** Exponential backoff: initial, 2x, 4x, ... capped at max. */
public record Backoff(Duration initial, Duration max) {
    /** The wait before retry number {@code failures} (1 after the first failure). */
    public Duration delayAfter(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long initialMs = Math.max(1, initial.toMillis());
        int shift = Math.min(failures - 1, 30);
        long ms = initialMs << shift;
        if (ms <= 0 || ms > max.toMillis()) {
            ms = max.toMillis();
        }
        return Duration.ofMillis(ms);
    }
}
