package io.spillway.kafka;

import io.spillway.config.SpillwayProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's Kafka AdminClient, with timeouts short enough that an unreachable broker is a quick 503. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {
    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(SpillwayProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBroker());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "spillway-admin");
        return Admin.create(config);
    }
}
