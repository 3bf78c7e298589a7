package io.spillway.health;

/**
 * One dependency's health, as {@code GET /health/{service}} shows it. Each feature contributes its own
 * check (debezium, kafka, redis, consumer) as a Spring bean.
 */
public interface HealthCheck {
    /** The path segment of {@code /health/{service}}: debezium, kafka, redis or consumer. */
    String service();

    /** Runs the check now; never throws: a failure is a DOWN result that says why. */
    ServiceHealth check();
}
