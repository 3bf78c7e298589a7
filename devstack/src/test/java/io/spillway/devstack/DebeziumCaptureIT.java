package io.spillway.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The foundation works end to end: Debezium in the real Connect worker captures person12 into Kafka. */
class DebeziumCaptureIT {
    private static final ObjectMapper json = new ObjectMapper();

    @Test
    void insertUpdateAndDeleteReachTheTopicWithOpBeforeAndAfter() throws Exception {
        Devstack stack = SharedDevstack.get();
        PostgresServer pg = stack.postgres();
        String connector = """
                {"connector.class": "io.debezium.connector.postgresql.PostgresConnector",
                 "tasks.max": "1",
                 "database.hostname": "localhost", "database.port": "%d",
                 "database.user": "debezium", "database.password": "password", "database.dbname": "mydatabase",
                 "topic.prefix": "db", "schema.include.list": "public",
                 "table.include.list": "public.person12", "plugin.name": "pgoutput",
                 "publication.autocreate.mode": "filtered", "snapshot.mode": "no_data",
                 "slot.name": "smoke_it"}""".formatted(pg.port());
        JsonRest rest = new JsonRest(stack.connect().url());
        assertThat(rest.put("/connectors/smoke-it/config", connector).status()).isIn(200, 201);
        awaitRunning(rest, "smoke-it");

        long id;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("mydatabase"), "debezium", "password");
                Statement sql = c.createStatement()) {
            try (var rs = sql.executeQuery(
                    "INSERT INTO person12 (name, email, age) VALUES ('Ada', 'ada@example.com', 36) RETURNING id")) {
                rs.next();
                id = rs.getLong(1);
            }
            sql.executeUpdate("UPDATE person12 SET age = 37 WHERE id = " + id);
            sql.executeUpdate("DELETE FROM person12 WHERE id = " + id);
        }

        List<JsonNode> events = readChangesOf(stack.kafka().bootstrapServers(), "db.public.person12", id, 3);
        assertThat(events).extracting(e -> e.path("op").asText()).containsExactly("c", "u", "d");

        JsonNode insert = events.get(0);
        assertThat(insert.path("before").isNull()).isTrue();
        assertThat(insert.path("after").path("name").asText()).isEqualTo("Ada");
        assertThat(insert.path("after").path("age").asInt()).isEqualTo(36);

        JsonNode update = events.get(1);
        assertThat(update.path("before").path("age").asInt()).isEqualTo(36);
        assertThat(update.path("after").path("age").asInt()).isEqualTo(37);

        JsonNode delete = events.get(2);
        assertThat(delete.path("before").path("id").asLong()).isEqualTo(id);
        assertThat(delete.path("before").path("email").asText()).isEqualTo("ada@example.com");
        assertThat(delete.path("after").isNull()).isTrue();
    }

    private static void awaitRunning(JsonRest rest, String name) {
        Instant deadline = Instant.now().plusSeconds(60);
        String status = "";
        while (Instant.now().isBefore(deadline)) {
            status = rest.tryGet("/connectors/" + name + "/status").body();
            if (status.contains("\"tasks\":[{") && !status.contains("FAILED")
                    && status.replaceAll("\\s", "").contains("\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"")) {
                return;
            }
            Sleeper.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("connector " + name + " not RUNNING within 60 s: " + status);
    }

    /** Reads the topic from the start until {@code count} change events of row {@code id} were seen. */
    private static List<JsonNode> readChangesOf(String bootstrap, String topic, long id, int count) throws Exception {
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(60);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue; // the tombstone after the delete
                    }
                    JsonNode payload = json.readTree(record.value()).path("payload");
                    JsonNode row = payload.path("after").isNull() ? payload.path("before") : payload.path("after");
                    if (row.path("id").asLong() == id) {
                        found.add(payload);
                    }
                }
            }
        }
        return found;
    }
}
