package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.spillway.consumer.engine.DeadLetterPublisher;
import io.spillway.pipeline.postgres.PgIdentifiers;
import io.spillway.support.Api;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Malformed records of every shape, produced onto a live sync consumer's topic between real changes: each
 * goes to {@code <topic>.dlq} with a reason naming the problem, the consumer never stops running, every
 * real change reaches the target, and the offsets move past them all.
 */
class MalformedRecordIT extends ConsumerStackIT {

    /** A record to produce, and what its dead letter's reason must contain. */
    private record Bad(String expected, byte[] key, byte[] value) {
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndTheConsumerKeepsRunningAndLoadingTheRest() throws Exception {
        Source source = captureNewTable("malformed", 1);
        String id = "malformed-" + suffix();
        String schema = "it_malformed_" + suffix();
        Api api = api();
        Set<String> statesSeen = ConcurrentHashMap.newKeySet();
        try {
            Api.Response connection = api.post("/connection/create", """
                    {"connection_id": "wh-%s", "type": "postgres", "jdbc_url": "%s",
                     "username": "warehouse", "password": "warehouse", "schema": "%s"}"""
                    .formatted(id, stack.postgres().jdbcUrl("warehouse"), schema));
            assertThat(connection.status()).as(connection.body()).isEqualTo(201);
            String consumer = consumerJson(id, source.topic(), "pipeline " + id, "wh-" + id, 5, 2, "sync");
            Api.Response started = api.post("/consumer/start", consumer);
            assertThat(started.status()).as(started.body()).isEqualTo(201);

            List<Long> good = new ArrayList<>(insertRows(source.table(), 3));
            awaitEndOffset(source.topic(), 3);
            Map<Long, Bad> produced = new LinkedHashMap<>();
            List<Bad> bad = malformed(source.table());
            long end = 3;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < bad.size(); i++) {
                    Bad b = bad.get(i);
                    long offset = producer.send(new ProducerRecord<>(source.topic(), b.key(), b.value())).get().offset();
                    produced.put(offset, b);
                    end++;
                    if (i % 4 == 3) { // a real change every few malformed records
                        good.addAll(insertRows(source.table(), 2));
                        end += 2;
                        awaitEndOffset(source.topic(), end);
                    }
                }
            }
            good.addAll(insertRows(source.table(), 2));
            long total = end + 2;
            awaitEndOffset(source.topic(), total);

            await("every good change in the target").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        statesSeen.add(info(api, id).get("state").asString());
                        return targetIds(schema, source.table()).equals(new TreeSet<>(good));
                    });
            await("offsets committed past every record").atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        statesSeen.add(info(api, id).get("state").asString());
                        return committedTotal(id, source.topic()) == total;
                    });

            List<ConsumerRecord<byte[], byte[]>> letters = readAll(DeadLetterPublisher.topicFor(source.topic()),
                    produced.size());
            assertThat(letters).hasSize(produced.size());
            for (ConsumerRecord<byte[], byte[]> letter : letters) {
                long from = Long.parseLong(header(letter, DeadLetterPublisher.SOURCE_OFFSET));
                Bad expected = produced.get(from);
                assertThat(expected).as("dead letter from offset %d, which was a good change", from).isNotNull();
                assertThat(header(letter, DeadLetterPublisher.REASON)).as("reason of offset %d", from)
                        .contains(expected.expected()).hasSizeLessThan(600);
                assertThat(letter.value()).isEqualTo(expected.value());
                assertThat(header(letter, DeadLetterPublisher.CONSUMER)).isEqualTo(id);
            }

            JsonNode info = info(api, id);
            statesSeen.add(info.get("state").asString());
            assertThat(info.get("state").asString()).isEqualTo("RUNNING");
            assertThat(statesSeen).as("states seen").doesNotContain("FAILED", "RESTARTING");
            assertThat(info.get("dead_lettered").asInt()).isEqualTo(produced.size());
            assertThat(info.get("restarts").asInt()).isZero();
            assertThat(body(api.get("/redis/count/" + id)).get("dead_lettered_total").asInt()).isEqualTo(produced.size());
            assertThat(body(api.get("/health/consumer")).get("status").asString()).isEqualTo("UP");

            // Stopped and started again (same group): the malformed records are behind the committed offsets.
            assertThat(api.post("/consumer/stop?consumer_id=" + id, null).status()).isEqualTo(200);
            Api.Response again = api.post("/consumer/start", consumer);
            assertThat(again.status()).as(again.body()).isEqualTo(201);
            good.addAll(insertRows(source.table(), 1));
            await("the change after the restart in the target").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> targetIds(schema, source.table()).equals(new TreeSet<>(good)));
            await().atMost(Duration.ofSeconds(30)).until(() -> committedTotal(id, source.topic()) == total + 1);
            JsonNode after = info(api, id);
            assertThat(after.get("state").asString()).isEqualTo("RUNNING");
            assertThat(after.get("dead_lettered").asInt()).as("dead letters after the restart").isZero();
            assertThat(body(api.get("/redis/count/" + id)).get("dead_lettered_total").asInt()).isEqualTo(produced.size());
            assertThat(endOffsetTotal(DeadLetterPublisher.topicFor(source.topic()))).isEqualTo(produced.size());
        } finally {
            stopQuietly(api, id);
            release(source);
        }
    }

    /** At least ten shapes a record cannot become a change in, each with the words its reason must hold. */
    private static List<Bad> malformed(String table) {
        String src = """
                {"version":"3","connector":"postgresql","name":"x","ts_ms":1,"snapshot":"false","db":"mydatabase",
                 "schema":"public","table":"%s","txId":7,"lsn":%s,"xmin":null}""";
        String okSource = src.formatted(table, "100");
        String event = """
                {"before":null,"after":%s,"source":%s,"op":%s,"ts_ms":1}""";
        byte[] key = bytes("{\"id\":-1}");
        List<Bad> bad = new ArrayList<>();
        bad.add(new Bad("source.lsn is an object", key,
                bytes(event.formatted("{\"id\":-1}", src.formatted(table, "{\"lsn\":1}"), "\"c\""))));
        ByteArrayOutputStream invalidUtf8 = new ByteArrayOutputStream();
        invalidUtf8.writeBytes(bytes("{\"before\":null,\"after\":{\"id\":-2,\"name\":\""));
        invalidUtf8.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        invalidUtf8.writeBytes(bytes("\"},\"source\":" + okSource + ",\"op\":\"c\"}"));
        bad.add(new Bad("value is not JSON at /after/name", key, invalidUtf8.toByteArray()));
        bad.add(new Bad("after is an array", key, bytes(event.formatted("[{\"id\":-3}]", okSource, "\"c\""))));
        bad.add(new Bad("value is an array", key, bytes("[1,2,3]")));
        bad.add(new Bad("value is null", key, bytes("null")));
        bad.add(new Bad("value is empty", key, new byte[0]));
        String whole = event.formatted("{\"id\":-4}", okSource, "\"c\"");
        bad.add(new Bad("value is not JSON", key, bytes(whole.substring(0, whole.length() - 20))));
        bad.add(new Bad("op is a number", key, bytes(event.formatted("{\"id\":-5}", okSource, "42"))));
        bad.add(new Bad("not a Debezium operation", key, bytes(event.formatted("{\"id\":-6}", okSource,
                "\"" + "z".repeat(500_000) + "\""))));
        bad.add(new Bad("source.ts_ms is a string", key, bytes(event.formatted("{\"id\":-7}",
                okSource.replace("\"ts_ms\":1,", "\"ts_ms\":\"yesterday\","), "\"c\""))));
        bad.add(new Bad("source.table is missing", key, bytes(event.formatted("{\"id\":-8}",
                okSource.replace("\"table\":\"" + table + "\",", ""), "\"c\""))));
        bad.add(new Bad("key is an array", bytes("[1]"), bytes(event.formatted("{\"id\":-9}", okSource, "\"c\""))));
        bad.add(new Bad("lsn", key, bytes(event.formatted("{\"id\":-10}", src.formatted(table, "9".repeat(10_000)),
                "\"c\""))));
        String deep = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        bad.add(new Bad("value is not JSON at /after", key, bytes(event.formatted(deep, okSource, "\"c\""))));
        bad.add(new Bad("payload is a string", key, bytes("{\"schema\":{\"type\":\"string\"},\"payload\":\"hi\"}")));
        return bad;
    }

    private void awaitEndOffset(String topic, long offset) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> endOffsetTotal(topic) == offset);
    }

    private static Set<Long> targetIds(String schema, String table) throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl("warehouse"), "warehouse", "warehouse");
                Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT id FROM " + PgIdentifiers.qualified(schema, table))) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return ids; // the target table is not there yet
            }
            throw e;
        }
        return ids;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
