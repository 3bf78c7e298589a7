package io.spillway.consumer.engine;

import io.spillway.config.SpillwayProperties;
import io.spillway.consumer.ConsumerDefinition;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The settings of a consumer's own KafkaConsumer (one per consumer and instance). */
final class ConsumerClientConfig {
    private ConsumerClientConfig() {
    }

    static Map<String, Object> of(ConsumerDefinition definition, SpillwayProperties properties, String instanceId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBroker());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, definition.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, definition.groupId() + "-" + instanceId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, definition.autoOffsetReset());
        // Subscribing must not create the topic: Debezium creates it with the first change.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // A crashed instance's partitions move to the others within seconds, not the 45 s default.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        // Topics created after the start (Debezium's first change, pattern matches) are found quickly.
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
        return config;
    }
}
