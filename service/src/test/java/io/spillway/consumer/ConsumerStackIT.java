package io.spillway.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.spillway.devstack.ConnectWorker;
import io.spillway.devstack.PostgresServer;
import io.spillway.support.Api;
import io.spillway.support.StackIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the consumer engine's integration tests: a fresh captured table per test, with its own
 * Debezium connector, slot, publication and topic, created through Kafka Connect's REST API.
 */
public abstract class ConsumerStackIT extends StackIT {
    protected static final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).build();
    private static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    protected Admin admin;

    /** A captured table: rows inserted into {@code table} reach {@code topic}. */
    protected record Source(String table, String connector, String slot, String topic) {
    }

    protected static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }

    /** Registers a postgres connection (the devstack's warehouse) under that id, as a user would. */
    protected void givenConnection(String id) {
        givenConnection(api(), id);
    }

    /** The same, through another instance's API (one that uses another Redis database). */
    protected static void givenConnection(Api api, String id) {
        Api.Response created = api.post("/connection/create", """
                {"connection_id": "%s", "type": "postgres", "jdbc_url": "%s",
                 "username": "warehouse", "password": "warehouse"}""".formatted(id, stack.postgres().jdbcUrl("warehouse")));
        if (created.status() != 201 && created.status() != 409) {
            throw new AssertionError("connection " + id + " not created: " + created.body());
        }
    }

    protected Source captureNewTable(String base, int partitions) throws Exception {
        String s = suffix();
        String table = base + "_" + s;
        String prefix = "it" + s;
        Source source = new Source(table, "it-" + s, "it_" + s, prefix + ".public." + table);
        try (Connection c = stack.postgres().superuser("mydatabase"); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE public." + table + " (id serial PRIMARY KEY, name text NOT NULL, n integer)");
            sql.execute("ALTER TABLE public." + table + " REPLICA IDENTITY FULL");
            sql.execute("ALTER TABLE public." + table + " OWNER TO debezium");
            sql.execute("GRANT SELECT ON public." + table + " TO debezium");
        }
        if (partitions > 1) {
            admin.createTopics(Set.of(new NewTopic(source.topic(), partitions, (short) 1))).all().get();
        }
        String config = """
                {"connector.class": "%s", "tasks.max": "1",
                 "database.hostname": "localhost", "database.port": "%d",
                 "database.user": "debezium", "database.password": "password", "database.dbname": "mydatabase",
                 "topic.prefix": "%s", "schema.include.list": "public", "table.include.list": "public.%s",
                 "plugin.name": "pgoutput", "publication.autocreate.mode": "filtered",
                 "publication.name": "pub_%s", "slot.name": "%s", "snapshot.mode": "initial"}"""
                .formatted(ConnectWorker.POSTGRES_CONNECTOR, stack.postgres().port(), prefix, table, s, source.slot());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(
                        URI.create(stack.connect().url() + "/connectors/" + source.connector() + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(config)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        await("slot " + source.slot() + " streaming").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> slotActive(source.slot()));
        return source;
    }

    private boolean slotActive(String slot) throws Exception {
        try (Connection c = stack.postgres().superuser("mydatabase");
                PreparedStatement ps = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The warehouse database, as its owner. */
    protected static Connection warehouse() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(PostgresServer.TARGET_DB),
                PostgresServer.TARGET_USER, PostgresServer.TARGET_PASSWORD);
    }

    /** The {@code n} column of every row of warehouse's {@code public.<table>}; empty while it does not exist. */
    protected static Set<Integer> targetNs(String table) throws SQLException {
        Set<Integer> ns = new TreeSet<>();
        try (Connection c = warehouse(); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT n FROM public." + table)) {
            while (rs.next()) {
                ns.add(rs.getInt(1));
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
        return ns;
    }

    /** Rows in warehouse's {@code public.<table>}; 0 while it does not exist. */
    protected static long targetRows(String table) throws SQLException {
        try (Connection c = warehouse(); Statement sql = c.createStatement();
                ResultSet rs = sql.executeQuery("SELECT count(*) FROM public." + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    /** The consumer's runs, newest first (up to 500). */
    protected List<JsonNode> runs(Api api, String id) {
        List<JsonNode> runs = new ArrayList<>();
        body(api.get("/consumer/runs/" + id + "?limit=500")).get("runs").forEach(runs::add);
        return runs;
    }

    /** Inserts {@code count} rows, one transaction each; returns their ids. */
    protected List<Long> insertRows(String table, int count) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = stack.postgres().superuser("mydatabase");
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO public." + table + " (name, n) VALUES (?, ?) RETURNING id")) {
            for (int i = 0; i < count; i++) {
                ps.setString(1, "row " + i);
                ps.setInt(2, i);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Removes the connector and its slot, so the WAL is not pinned after the test. */
    protected void release(Source source) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(stack.connect().url() + "/connectors/" + source.connector()))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !slotActive(source.slot()));
            try (Connection c = stack.postgres().superuser("mydatabase"); Statement sql = c.createStatement()) {
                sql.execute("SELECT pg_drop_replication_slot('" + source.slot() + "')");
            }
        } catch (Exception e) {
            System.err.println("cleanup of " + source + " failed: " + e);
        }
    }

    protected static String consumerJson(String id, String topic, String pipeline, String connection, int maxEvent,
            int maxTime, String jobType) {
        return """
                {"consumer_id": "%s", "kafka_topic": "%s", "pipeline_name": "%s", "connection_id": "%s",
                 "max_event": %d, "max_time": %d, "job_type": "%s", "auto_offset_reset": "earliest"}"""
                .formatted(id, topic, pipeline, connection, maxEvent, maxTime, jobType);
    }

    /** Starts a consumer with the recording job; asserts 201. */
    protected void startRecordingConsumer(Api api, String id, String topic, int maxEvent, int maxTime) {
        String connection = "conn-" + id;
        givenConnection(connection);
        Api.Response response = api.post("/consumer/start",
                consumerJson(id, topic, "pipeline " + id, connection, maxEvent, maxTime, RecordingJob.TYPE));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    protected static JsonNode body(Api.Response response) {
        return json.readTree(response.body());
    }

    protected JsonNode info(Api api, String id) {
        Api.Response response = api.get("/consumer/info/" + id);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return body(response);
    }

    protected void stopQuietly(Api api, String id) {
        try {
            api.post("/consumer/stop?consumer_id=" + id, null);
        } catch (AssertionError e) {
            System.err.println("stopping consumer " + id + " failed: " + e);
        }
    }

    /** The group's committed offsets, per partition. */
    protected Map<TopicPartition, Long> committed(String consumerId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> raw = admin.listConsumerGroupOffsets("spillway-" + consumerId)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> result = new HashMap<>();
        raw.forEach((tp, om) -> {
            if (om != null) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    protected long committedTotal(String consumerId, String topic) throws Exception {
        return committed(consumerId).entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    protected long endOffsetTotal(String topic) throws Exception {
        var description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    }

    /** Runs {@code call} on a Redis connection of the stack (database {@code db}). */
    /** Every record of {@code topic} from its beginning (a fresh group), until {@code expected} arrived. */
    protected List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-read-" + suffix(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(found::add);
                return found.size() >= expected;
            });
        }
        return found;
    }

    /** A header's last value as text, or null. */
    protected static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    protected static <T> T redis(int db, Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> call) {
        RedisClient client = RedisClient.create(stack.redis().url() + "/" + db);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return call.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    /** The windows service processes recorded for that consumer (see {@link RecordingJob}). */
    protected static List<RecordingJob.Recorded> recorded(int db, String consumerId) {
        return redis(db, cmds -> cmds.lrange("spillway:test:runs:" + consumerId, 0, -1)).stream()
                .map(s -> json.readValue(s, RecordingJob.Recorded.class))
                .toList();
    }
}
