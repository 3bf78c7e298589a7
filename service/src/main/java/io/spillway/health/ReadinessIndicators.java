package io.spillway.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka and Redis checks as actuator indicators ("kafka", "redis"), so that the readiness probe
 * (/actuator/health/readiness) includes them. Liveness does not: a restart does not fix a broker.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessIndicators {
    @Bean
    HealthIndicator kafkaHealthIndicator(KafkaHealthCheck check) {
        return () -> toActuator(check.check());
    }

    @Bean
    HealthIndicator redisHealthIndicator(RedisHealthCheck check) {
        return () -> toActuator(check.check());
    }

    static Health toActuator(ServiceHealth health) {
        Health.Builder builder = health.isUp() ? Health.up() : Health.down();
        if (health.details() != null) {
            builder.withDetails(health.details());
        }
        return builder.build();
    }
}
