package io.spillway.debezium.snapshot;

import io.spillway.api.ConflictException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a connector can take Spillway's snapshot signals: the Kafka signal channel with a topic, sink
 * notifications with a topic, and watermarks Debezium can write (read-only mode, or a signal table). A
 * connector created through Spillway has all of it; another one is refused with the keys and values to add.
 */
final class SignalSetup {
    private SignalSetup() {
    }

    static void require(String name, Map<String, String> config, Map<String, String> wanted) {
        Map<String, String> missing = new LinkedHashMap<>();
        if (!CapturedTables.entries(config.get(SnapshotChannels.SIGNAL_CHANNELS)).contains("kafka")
                || !present(config, SnapshotChannels.SIGNAL_TOPIC)) {
            for (String key : List.of(SnapshotChannels.SIGNAL_CHANNELS, SnapshotChannels.SIGNAL_TOPIC,
                    SnapshotChannels.SIGNAL_BOOTSTRAP, SnapshotChannels.SIGNAL_GROUP)) {
                missing.put(key, wanted.get(key));
            }
        }
        if (!CapturedTables.entries(config.get(SnapshotChannels.NOTIFICATION_CHANNELS)).contains("sink")
                || !present(config, SnapshotChannels.NOTIFICATION_TOPIC)) {
            missing.put(SnapshotChannels.NOTIFICATION_CHANNELS, wanted.get(SnapshotChannels.NOTIFICATION_CHANNELS));
            missing.put(SnapshotChannels.NOTIFICATION_TOPIC, wanted.get(SnapshotChannels.NOTIFICATION_TOPIC));
        }
        if (!"true".equalsIgnoreCase(config.get(SnapshotChannels.READ_ONLY))
                && !present(config, "signal.data.collection")) {
            missing.put(SnapshotChannels.READ_ONLY, "true");
        }
        if (!present(config, "topic.prefix")) {
            missing.put("topic.prefix", "<the connector's topic prefix>");
        }
        if (!missing.isEmpty()) {
            throw new ConflictException("connector '" + name + "' is not set up for Spillway's snapshot signals "
                    + "(connectors created with POST /debezium/start/ are, unless Spillway's Kafka is secured): add "
                    + missing + " to its config (Kafka Connect's PUT /connectors/" + name + "/config; against a "
                    + "secured Kafka also signal.consumer.security.protocol, signal.consumer.sasl.*), then try again");
        }
    }

    private static boolean present(Map<String, String> config, String key) {
        String value = config.get(key);
        return value != null && !value.isBlank();
    }
}
