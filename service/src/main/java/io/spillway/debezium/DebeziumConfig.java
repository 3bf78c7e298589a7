package io.spillway.debezium;

import io.spillway.config.SpillwayProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Kafka Connect client to DEBEZIUM_CONNECTOR_URL and its basic-auth credentials. */
@Configuration(proxyBeanMethods = false)
class DebeziumConfig {
    /** Short connect timeout so an absent worker is a quick 503; long reads because creating a connector
     *  makes Connect validate it against the database (Connect's own REST timeout is 90 s). */
    @Bean
    ConnectClient connectClient(SpillwayProperties properties) {
        SpillwayProperties.KafkaConnect auth = properties.kafkaConnect();
        return new ConnectClient(properties.connectBaseUrl(), auth.username(), auth.password(), Duration.ofSeconds(3),
                Duration.ofSeconds(95));
    }
}
