package io.spillway.debezium.snapshot;

import io.spillway.kafka.KafkaClients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a PostgreSQL connector needs for incremental snapshots on demand, in one place: Spillway sends
 * Debezium's signals to a Kafka topic of the connector's own (no signal table, so no write privilege on the
 * source), the snapshot's watermarks come from {@code pg_current_snapshot()} ({@code read.only=true}), and
 * Debezium reports progress as notifications on a second topic of its own, which Spillway reads back.
 */
@Component
public class SnapshotChannels {
    static final String SIGNAL_TOPIC_PREFIX = "spillway-signal.";
    static final String NOTIFICATION_TOPIC_PREFIX = "spillway-notify.";
    static final String READ_ONLY = "read.only";
    static final String SIGNAL_CHANNELS = "signal.enabled.channels";
    static final String SIGNAL_TOPIC = "signal.kafka.topic";
    static final String SIGNAL_BOOTSTRAP = "signal.kafka.bootstrap.servers";
    static final String SIGNAL_GROUP = "signal.kafka.groupId";
    static final String NOTIFICATION_CHANNELS = "notification.enabled.channels";
    static final String NOTIFICATION_TOPIC = "notification.sink.topic.name";
    private static final int MAX_TOPIC_NAME = 249;

    private static final Logger log = LoggerFactory.getLogger(SnapshotChannels.class);

    private final Admin admin;
    private final KafkaClients clients;

    public SnapshotChannels(Admin admin, KafkaClients clients) {
        this.admin = admin;
        this.clients = clients;
    }

    static String signalTopic(String connector) {
        return SIGNAL_TOPIC_PREFIX + connector;
    }

    static String notificationTopic(String connector) {
        return NOTIFICATION_TOPIC_PREFIX + connector;
    }

    /**
     * The settings a PostgreSQL connector created through Spillway gets unless the request sets them. None
     * when the connector's name is too long for a topic name of its own, or when Spillway's Kafka clients
     * are secured (SASL/SSL): the connector's signal consumer would need credentials, and Spillway does not
     * copy its own into a connector's config; {@code POST .../snapshot} then says what to add.
     */
    public Map<String, String> connectorDefaults(String connector) {
        Object protocol = clients.admin().get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        boolean secured = protocol != null && !"PLAINTEXT".equalsIgnoreCase(protocol.toString());
        return secured ? Map.of() : wanted(connector);
    }

    /** The settings snapshots need, with Spillway's values. */
    Map<String, String> wanted(String connector) {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (notificationTopic(connector).length() > MAX_TOPIC_NAME) {
            return defaults;
        }
        defaults.put(READ_ONLY, "true");
        defaults.put(SIGNAL_CHANNELS, "kafka");
        defaults.put(SIGNAL_TOPIC, signalTopic(connector));
        // Spillway's KAFKA_BROKER; a request sets it when Connect reaches Kafka at another address.
        defaults.put(SIGNAL_BOOTSTRAP, clients.bootstrapServers());
        defaults.put(SIGNAL_GROUP, "spillway-signal-" + connector);
        defaults.put(NOTIFICATION_CHANNELS, "sink");
        defaults.put(NOTIFICATION_TOPIC, notificationTopic(connector));
        return defaults;
    }

    /** Creates the config's signal and notification topics (one partition: signals are read in order). */
    public void createTopics(Map<String, String> connectorConfig) {
        List<NewTopic> topics = new ArrayList<>();
        for (String key : List.of(SIGNAL_TOPIC, NOTIFICATION_TOPIC)) {
            String topic = connectorConfig.get(key);
            if (topic != null && !topic.isBlank()) {
                topics.add(new NewTopic(topic, 1, (short) -1));
            }
        }
        awaitEach("create", admin.createTopics(topics).values(), TopicExistsException.class);
    }

    /**
     * Deletes the topics Spillway named for a deleted connector, so a new connector of the same name does
     * not replay its predecessor's signals. Best effort: a failure is logged.
     */
    public void deleteTopics(String connector) {
        awaitEach("delete", admin.deleteTopics(List.of(signalTopic(connector), notificationTopic(connector)))
                .topicNameValues(), UnknownTopicOrPartitionException.class);
    }

    /** Waits for each topic's result, at most 15 s each; a failure other than {@code alreadyDone} is logged. */
    private static void awaitEach(String action, Map<String, KafkaFuture<Void>> results,
            Class<? extends Throwable> alreadyDone) {
        results.forEach((topic, future) -> {
            try {
                future.get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!alreadyDone.isInstance(e.getCause())) {
                    log.warn("could not {} topic {}: {}", action, topic, e.getCause().toString());
                }
            } catch (TimeoutException e) {
                log.warn("could not {} topic {} within 15 s", action, topic);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
