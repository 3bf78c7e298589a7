package io.spillway.pipeline;

import io.spillway.config.SpillwayProperties;
import java.time.Duration;

/**
 * The timeouts every job applies to its target (see {@link SpillwayProperties.Targets}). Held statically,
 * like the target pools that use them: set once from the configuration when the service starts; the
 * defaults apply to jobs built without Spring (tests).
 */
public record TargetTimeouts(Duration connect, Duration socket, Duration statement, Duration lock, Duration pool,
        Duration redisCommand) {
    public static final TargetTimeouts DEFAULTS = new TargetTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(35),
            Duration.ofSeconds(25), Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(20));

    private static volatile TargetTimeouts current = DEFAULTS;

    public static TargetTimeouts of(SpillwayProperties.Targets settings) {
        if (settings == null) {
            return DEFAULTS;
        }
        return new TargetTimeouts(Duration.ofMillis(settings.connectTimeoutMs()),
                Duration.ofMillis(settings.socketTimeoutMs()), Duration.ofMillis(settings.statementTimeoutMs()),
                Duration.ofMillis(settings.lockTimeoutMs()), Duration.ofMillis(settings.poolTimeoutMs()),
                Duration.ofMillis(settings.redisCommandTimeoutMs()));
    }

    public static TargetTimeouts current() {
        return current;
    }

    public static void use(TargetTimeouts timeouts) {
        current = timeouts;
    }

    /** Whole seconds, at least 1, for the pgjdbc properties that take seconds. */
    public static String seconds(Duration duration) {
        return String.valueOf(Math.max(1, (duration.toMillis() + 999) / 1000));
    }
}
