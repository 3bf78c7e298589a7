package io.spillway.egress;

import io.spillway.config.SpillwayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's egress policy, from {@code spillway.egress.*} and its own Connect, Kafka and Redis settings. */
@Configuration
class EgressConfig {
    private static final Logger log = LoggerFactory.getLogger(EgressConfig.class);

    @Bean
    EgressPolicy egressPolicy(SpillwayProperties properties) {
        SpillwayProperties.Egress egress = properties.egress() == null ? new SpillwayProperties.Egress(null, null)
                : properties.egress();
        EgressPolicy policy = EgressPolicy.of(egress.allow(), egress.deny(), properties.debeziumConnectorUrl(),
                properties.kafkaBroker(), properties.redisUrl());
        log.info("egress policy for connections: {}", policy.summary());
        return policy;
    }
}
