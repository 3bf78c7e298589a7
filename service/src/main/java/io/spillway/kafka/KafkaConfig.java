package io.spillway.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's Kafka AdminClient (topics API, health, dead-letter topics), configured by {@link KafkaClients}. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfig {
    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaClients clients) {
        return Admin.create(clients.admin());
    }
}
