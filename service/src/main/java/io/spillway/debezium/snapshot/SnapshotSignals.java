package io.spillway.debezium.snapshot;

import io.spillway.api.UpstreamUnavailableException;
import io.spillway.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debezium's Kafka signal channel, both ways: sends {@code execute-snapshot} and {@code stop-snapshot}
 * signals (key: the connector's {@code topic.prefix}, as Debezium requires) and finds the latest
 * {@code execute-snapshot} again on the topic, which is where Spillway keeps what was requested.
 */
@Component
class SnapshotSignals {
    /** How far back the signal topic is searched for the latest snapshot request. */
    static final int SEARCHED_SIGNALS = 200;
    private final JsonMapper json = JsonMapper.builder().build();
    private final KafkaClients clients;
    private final TopicReader reader;

    SnapshotSignals(KafkaClients clients, TopicReader reader) {
        this.clients = clients;
        this.reader = reader;
    }

    /** Sends an incremental {@code execute-snapshot} of the tables; returns its id. */
    String execute(String topic, String topicPrefix, List<String> tables, Map<String, String> filters) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("data-collections", tables);
        data.put("type", "incremental");
        List<Map<String, String>> conditions = new ArrayList<>();
        filters.forEach((table, filter) -> conditions.add(Map.of("data-collection", table, "filter", filter)));
        if (!conditions.isEmpty()) {
            data.put("additional-conditions", conditions);
        }
        send(topic, topicPrefix, Map.of("id", id, "type", "execute-snapshot", "data", data));
        return id;
    }

    /** Sends a {@code stop-snapshot} of these tables (Debezium stops only the tables a stop names). */
    void stop(String topic, String topicPrefix, List<String> tables) {
        send(topic, topicPrefix, Map.of("id", UUID.randomUUID().toString(), "type", "stop-snapshot",
                "data", Map.of("type", "incremental", "data-collections", tables)));
    }

    /** The latest {@code execute-snapshot} on the topic for that connector, with a later stop's time. */
    Optional<SentSignal> latest(String topic, String topicPrefix) {
        SentSignal latest = null;
        for (TopicReader.Entry entry : reader.last(topic, SEARCHED_SIGNALS)) {
            JsonNode signal = parse(entry.value());
            if (signal == null || !topicPrefix.equals(entry.key())) {
                continue;
            }
            String type = signal.path("type").asString("");
            if (type.equals("execute-snapshot")) {
                List<String> tables = new ArrayList<>();
                signal.path("data").path("data-collections").forEach(t -> tables.add(t.asString("")));
                Map<String, String> filters = new LinkedHashMap<>();
                signal.path("data").path("additional-conditions").forEach(c -> filters.put(
                        c.path("data-collection").asString(""), c.path("filter").asString("")));
                latest = new SentSignal(signal.path("id").asString(""), tables, filters, entry.timestamp(), null);
            } else if (type.equals("stop-snapshot") && latest != null && latest.stopRequestedAt() == null) {
                latest = new SentSignal(latest.id(), latest.tables(), latest.filters(), latest.requestedAt(),
                        entry.timestamp());
            }
        }
        return Optional.ofNullable(latest);
    }

    private JsonNode parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (JacksonException e) {
            return null; // not Spillway's: someone else wrote to the topic
        }
    }

    private void send(String topic, String key, Map<String, Object> signal) {
        Map<String, Object> config = clients.deadLetterProducer(1 << 20);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "spillway-signal");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    json.writeValueAsBytes(signal))).get(20, TimeUnit.SECONDS);
            producer.close(Duration.ofSeconds(5));
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new UpstreamUnavailableException("Kafka", clients.bootstrapServers(),
                    "the snapshot signal could not be sent to topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("Kafka", clients.bootstrapServers(), e);
        }
    }
}
